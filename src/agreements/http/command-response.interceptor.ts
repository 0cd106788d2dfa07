import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import type { CommandResult } from '../command-envelope.js';

/** What a command endpoint answers: API.md's `{agreementId, version, revision, position, eventId}`. */
export type CommandResponse = { agreementId: string; version: number; revision: number; position: string; eventId: string };

/** Set by `@CommandEndpoint({location: true})`: answer with a Location header naming the agreement. */
export const LOCATION_KEY = 'ledger:command-location';
/** Set by `@CommandEndpoint({created: false})`: an appending command answers 200, not 201. */
export const CREATED_KEY = 'ledger:command-created';

/** Turns a handler's CommandResult into the API response: body, status, ETag, Location. */
@Injectable()
export class CommandResponseInterceptor implements NestInterceptor<CommandResult, CommandResponse> {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler<CommandResult>): Observable<CommandResponse> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const withLocation = this.reflector.get<boolean>(LOCATION_KEY, context.getHandler());
    const creates = this.reflector.get<boolean | undefined>(CREATED_KEY, context.getHandler()) ?? true;
    return next.handle().pipe(
      map(({ agreementId, version, revision, position, eventId, appended }) => {
        void reply.status(appended && creates ? 201 : 200).header('etag', `"${revision}"`);
        if (withLocation) void reply.header('location', `/api/agreements/${agreementId}`);
        return { agreementId, version, revision, position, eventId };
      }),
    );
  }
}
