import { Injectable, NotFoundException, type PipeTransform } from '@nestjs/common';
import { ANNEX_ID_PATTERN } from './dto/agreement-parts.dto.js';

/** An id no obligation can have names none the agreement lists: 404, as for any unknown obligation. */
@Injectable()
export class ObligationIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ANNEX_ID_PATTERN.test(value)) throw new NotFoundException(`the agreement lists no obligation ${value}`);
    return value;
  }
}
