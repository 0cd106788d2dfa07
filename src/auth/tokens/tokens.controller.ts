import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  UnprocessableEntityException,
} from '@nestjs/common';
import { IsIn, IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { NormalisedName, OptionalField } from '../../http/validators.js';
import { CurrentPrincipal, Roles } from '../decorators.js';
import type { Principal } from '../principal.js';
import type { TokenRecord } from './ledger-token-store.js';
import { TOKEN_STORE, type TokenStore } from './token-store.js';
import { checkTokenSpec } from './token-spec.js';

export class CreateTokenRequest {
  @IsIn(['admin', 'clerk', 'auditor'])
  role!: 'admin' | 'clerk' | 'auditor';

  @NormalisedName() @IsString() @IsNotEmpty() @MaxLength(200)
  name!: string;

  @OptionalField() @IsString()
  partyId?: string;

  /** Compared with agreements' regions, which are normalised the same way. */
  @OptionalField() @NormalisedName() @IsString() @IsNotEmpty() @MaxLength(100)
  region?: string;

  @OptionalField() @IsISO8601({ strict: true })
  expiresAt?: string;
}

/**
 * The same token management as `ledger token …`, over HTTP for administrators without shell
 * access. Only an admin without a region limit manages tokens: a token's reach is not regional.
 */
@Roles('admin')
@Controller('tokens')
export class TokensController {
  constructor(@Inject(TOKEN_STORE) private readonly tokens: TokenStore) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal): Promise<{ items: TokenRecord[]; total: number }> {
    assertUnlimitedAdmin(principal);
    const items = await this.tokens.list();
    return { items, total: items.length };
  }

  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateTokenRequest): Promise<TokenRecord & { token: string }> {
    assertUnlimitedAdmin(principal);
    const checked = checkTokenSpec(body);
    if (!checked.ok) throw new UnprocessableEntityException(checked.problems.join('; '));
    const { token, record } = await this.tokens.create(checked.spec);
    return { ...record, token };
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    assertUnlimitedAdmin(principal);
    if (!(await this.tokens.revoke(id))) throw new NotFoundException(`no token ${id}`);
  }
}

function assertUnlimitedAdmin(principal: Principal): void {
  if (principal.region !== undefined) throw new ForbiddenException('tokens are managed by an admin without a region limit');
}
