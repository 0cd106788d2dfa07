import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/**
 * Request bodies and queries: unknown fields refused, nested objects validated, and every
 * failure reported as a problem document listing each field with its message.
 */
export function ledgerValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    // One line per field and message: a missing nested object fails more than one check alike.
    exceptionFactory: (errors) => validationProblem([...new Map(flatten(errors).map((f) => [`${f.field}\n${f.message}`, f])).values()]),
  });
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The 400 problem document of an invalid request: every field with its message. */
export function validationProblem(fields: readonly FieldError[]): BadRequestException {
  return new BadRequestException({
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: `The request is not valid: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
    errors: fields,
  });
}

/** What a field the request does not define is told (the whitelist's refusal). */
export const notAField = (field: string): string => `${field} is not a field this request accepts`;

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? notAField(field) : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
