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
    exceptionFactory: (errors) => {
      // One line per field and message: a missing nested object fails more than one check alike.
      const fields = [...new Map(flatten(errors).map((f) => [`${f.field}\n${f.message}`, f])).values()];
      return new BadRequestException({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: `The request is not valid: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
        errors: fields,
      });
    },
  });
}

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? `${field} is not a field this request accepts` : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
