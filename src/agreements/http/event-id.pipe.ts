import { Injectable, NotFoundException, type PipeTransform } from '@nestjs/common';
import { EVENT_ID_PATTERN } from '../../http/validators.js';

/** An id no event can have names nothing the agreement has: 404, as for any unknown annulment. */
@Injectable()
export class EventIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!EVENT_ID_PATTERN.test(value)) throw new NotFoundException(`there is no event ${value} in the agreement`);
    return value;
  }
}
