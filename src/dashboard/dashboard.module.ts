import { Module } from '@nestjs/common';
import { AssetsController } from './assets.controller.js';
import { OidcSignInController } from './oidc-sign-in.controller.js';
import { PagesController } from './pages.controller.js';
import { SignInController } from './sign-in.controller.js';

/**
 * The regional dashboard: pages under `/` beside the API under `/api` (DESIGN.md "Dashboard").
 * Its forms post URL-encoded bodies, which Nest's Fastify adapter parses for every route.
 */
@Module({ controllers: [PagesController, SignInController, OidcSignInController, AssetsController] })
export class DashboardModule {}
