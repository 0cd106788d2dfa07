import { Injectable, NotFoundException, type PipeTransform } from '@nestjs/common';
import { AGREEMENT_ID_PATTERN } from '../../http/validators.js';

/** An id no agreement can have names no agreement: 404, as for any unknown agreement. */
@Injectable()
export class AgreementIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!AGREEMENT_ID_PATTERN.test(value)) throw new NotFoundException(`there is no agreement ${value}`);
    return value;
  }
}
