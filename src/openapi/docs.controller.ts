import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { Public } from '../auth/decorators.js';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>agreement-ledger API</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/api/docs/assets/init.js"></script>
</body>
</html>
`;

// A file of its own: the content security policy allows no inline script.
const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
});
`;

/**
 * /api/docs: Swagger UI over /api/openapi.json, its assets read from swagger-ui-dist. Served by a
 * controller rather than SwaggerModule's @fastify/static route, which Jest cannot load (CommonJS
 * requiring an ESM-only package).
 */
@Public()
@ApiExcludeController()
@Controller('docs')
export class DocsController {
  private readonly cache = new Map<string, Buffer>();

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): Buffer | string {
    void reply.header('cache-control', 'public, max-age=86400');
    if (file === 'init.js') {
      void reply.header('content-type', 'text/javascript; charset=utf-8');
      return INIT;
    }
    // Own keys only: `__proto__` or `constructor` must not reach the file system.
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) throw new NotFoundException(`no asset ${file}`);
    void reply.header('content-type', type);
    let content = this.cache.get(file);
    if (!content) this.cache.set(file, (content = readFileSync(join(getAbsoluteFSPath(), file))));
    return content;
  }
}
