import { RequestMethod, type INestApplication } from '@nestjs/common';

type PrefixOptions = NonNullable<Parameters<INestApplication['setGlobalPrefix']>[1]>;
type RouteInfo = Exclude<NonNullable<PrefixOptions['exclude']>[number], string>;

/** The dashboard's routes, as its controllers declare them. */
const PAGE_ROUTES: readonly RouteInfo[] = [
  { path: '/', method: RequestMethod.GET },
  { path: 'agreements/:agreementId', method: RequestMethod.GET },
  { path: 'parties/:partyId', method: RequestMethod.GET },
  { path: 'regions/:region/obligations', method: RequestMethod.GET },
  { path: 'sign-in', method: RequestMethod.GET },
  { path: 'sign-in', method: RequestMethod.POST },
  { path: 'sign-in/oidc', method: RequestMethod.GET },
  { path: 'sign-in/oidc/callback', method: RequestMethod.GET },
  { path: 'sign-out', method: RequestMethod.POST },
  { path: 'assets/:file', method: RequestMethod.GET },
];

/**
 * The routes served outside the API's `/api` prefix. Nest compares each exclusion, as a path
 * pattern, with every route's template: `agreements/:agreementId` would also match the API's
 * `agreements/:id` and take it out of `/api`. Escaped, each exclusion matches only the dashboard's
 * own template, literally.
 */
export const OUTSIDE_API_PREFIX: RouteInfo[] = PAGE_ROUTES.map((route) => ({ ...route, path: route.path.replace(/[:*?{}()]/g, (c: string) => `\\${c}`) }));

