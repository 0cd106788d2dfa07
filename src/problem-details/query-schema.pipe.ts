import type { PipeTransform } from '@nestjs/common';
import type { Static, TObject, TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { notAField, validationProblem, type FieldError } from './validation.pipe.js';

type Messages<T extends TObject> = { readonly [K in keyof T['properties']]: string };

/**
 * A query of a few fields checked by a compiled TypeBox schema, one validator per field. On the
 * most asked read (an agreement's status) class-validator's round — an instance made by
 * class-transformer, the metadata looked up, every decorator run — cost more than the answer;
 * a compiled check costs next to nothing, and a query without fields (the common one) nothing.
 * Refusals are the validation pipe's problem document: each field with its message, a field the
 * query does not define refused.
 *
 * Type the parameter with `Static<typeof schema>` (not a class), so the global validation pipe
 * leaves it alone.
 */
export class QuerySchemaPipe<T extends TObject> implements PipeTransform<Record<string, unknown>, Static<T>> {
  private readonly fields: ReadonlyMap<string, { readonly validator: Validator; readonly message: string }>;

  constructor(schema: T, messages: Messages<T>) {
    const properties = schema.properties as Record<string, TSchema>;
    this.fields = new Map(Object.entries(properties).map(([name, field]) => [name, { validator: Compile(field), message: messages[name]! }]));
  }

  transform(query: Record<string, unknown>): Static<T> {
    const errors: FieldError[] = [];
    for (const name in query) {
      const field = this.fields.get(name);
      if (field === undefined) errors.push({ field: name, message: notAField(name) });
      else if (!field.validator.Check(query[name])) errors.push({ field: name, message: field.message });
    }
    if (errors.length > 0) throw validationProblem(errors);
    return query as Static<T>;
  }
}
