import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/decorators.js';
import { STYLESHEET, STYLESHEET_FILE } from './assets/stylesheet.js';

/** The pages' only file besides themselves; nothing is loaded from elsewhere. */
// Pages, not API operations: left out of the OpenAPI document.
@ApiExcludeController()
@Controller('assets')
@Public()
export class AssetsController {
  @Get(':file')
  file(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    if (file !== STYLESHEET_FILE) throw new NotFoundException(`there is no asset ${file}`);
    void reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable');
    return STYLESHEET;
  }
}
