// OAuth 2.0 client credentials (RFC 6749 §4.4) and the bearer check in front of every other
// route. Tokens are random, kept in SQLite by their SHA-256 with an expiry, so that a restarted
// store still honours the tokens it issued: a station must not notice a store restart. The token
// endpoint is throttled per client id and per address (rate-limit.ts): a 429 problem with
// Retry-After, before the secret is even compared.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StoreDatabase } from './database';
import { ProblemError } from './problems';
import { type TokenLimits, TokenThrottle } from './rate-limit';

export interface Client {
  readonly id: string;
  readonly secret: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route needs no bearer token. */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The authenticated station, set by the bearer check. */
    clientId?: string;
  }
}

type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const tokenHash = (token: string) => sha256(token).toString('hex');

/** Compares secrets in constant time (hashing first makes the lengths equal). */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

function oauthError(reply: FastifyReply, status: 400 | 401, error: OAuthErrorCode, description: string): FastifyReply {
  if (status === 401) reply.header('WWW-Authenticate', 'Basic realm="sohoa-provincial-store"');
  return reply.code(status).header('Cache-Control', 'no-store').send({ error, error_description: description });
}

/** RFC 6749 §2.3.1: the Basic credentials are form-encoded before base64. */
function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | 'malformed' | undefined {
  if (!header) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) return /^Basic\b/i.test(header) ? 'malformed' : undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

export function registerAuth(app: FastifyInstance, db: StoreDatabase, clients: readonly Client[], tokenTtlSeconds: number, limits: TokenLimits): void {
  const byId = new Map(clients.map((c) => [c.id, c]));
  const throttle = new TokenThrottle(limits);

  // The token endpoint takes a form; parse it here rather than pull in a plugin for one route.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.post<{ Body: Record<string, string> | undefined }>('/oauth/token', { config: { public: true } }, async (request, reply) => {
    const form = request.body;
    if (!request.headers['content-type']?.toLowerCase().startsWith('application/x-www-form-urlencoded') || typeof form !== 'object' || form === null)
      return oauthError(reply, 400, 'invalid_request', 'send an application/x-www-form-urlencoded body');
    const basic = basicCredentials(request.headers.authorization);
    if (basic === 'malformed') return oauthError(reply, 400, 'invalid_request', 'the Basic credentials are malformed');
    const inBody = form.client_id !== undefined || form.client_secret !== undefined;
    if (basic && inBody) return oauthError(reply, 400, 'invalid_request', 'use either HTTP Basic or client_id/client_secret in the body, not both');
    if (!form.grant_type) return oauthError(reply, 400, 'invalid_request', 'grant_type is required');
    if (form.grant_type !== 'client_credentials') return oauthError(reply, 400, 'unsupported_grant_type', 'only client_credentials is supported');

    const credentials = basic ?? (inBody ? { id: form.client_id ?? '', secret: form.client_secret ?? '' } : undefined);
    if (!credentials) return oauthError(reply, 401, 'invalid_client', 'client authentication is required');
    // Unknown ids are throttled like known ones, so that a 429 does not tell which ids exist.
    const retryAfter = throttle.retryAfterSeconds(credentials.id, request.ip);
    if (retryAfter > 0)
      throw new ProblemError(429, 'rate-limited', `too many token requests for this client or from this address; try again in ${retryAfter} s`, {
        'Retry-After': String(retryAfter),
        'Cache-Control': 'no-store',
      });
    const client = byId.get(credentials.id);
    // Compare even for an unknown id, so that timing does not tell which ids exist.
    const secretOk = sameSecret(client?.secret ?? '', credentials.secret);
    throttle.record(credentials.id, request.ip, Boolean(client && secretOk));
    if (!client || !secretOk) return oauthError(reply, 401, 'invalid_client', 'unknown client or wrong secret');

    const token = randomBytes(32).toString('base64url');
    db.insertToken(tokenHash(token), client.id, Date.now() + tokenTtlSeconds * 1000);
    return reply
      .header('Cache-Control', 'no-store')
      .header('Pragma', 'no-cache')
      .send({ access_token: token, token_type: 'Bearer', expires_in: tokenTtlSeconds });
  });

  // Every route but the public ones, tus's included (its routes are plain Fastify routes that
  // hand the raw request over, so this hook runs before tus sees anything). Unknown routes are
  // left to the not-found handler: a 404 says nothing a 401 would hide.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.is404 || request.routeOptions.config.public) return;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const clientId = m ? db.tokenClient(tokenHash(m[1]!)) : undefined;
    // A client removed from the clients file loses its tokens with it.
    if (!clientId || !byId.has(clientId)) {
      const error = m ? 'error="invalid_token", ' : '';
      throw new ProblemError(401, 'unauthorized', m ? 'the bearer token is unknown or expired; get a new one' : 'an Authorization: Bearer token is required', {
        'WWW-Authenticate': `Bearer ${error}realm="sohoa-provincial-store"`,
        // tus 1.0: every response but OPTIONS carries the protocol version, refusals included.
        ...(request.url.startsWith('/files') ? { 'Tus-Resumable': '1.0.0' } : {}),
      });
    }
    request.clientId = clientId;
  });
}
