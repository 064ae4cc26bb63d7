import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** An error whose message is safe to show the caller; `field` names the input at fault. */
export interface HttpError extends Error {
  statusCode: number;
  field?: string;
}

export function httpError(statusCode: number, message: string, field?: string): HttpError {
  return Object.assign(new Error(message), { statusCode, field });
}

/** A refusal with a caller-facing message (4xx), as opposed to a failure of the system. */
export function isHttpError(error: unknown): error is HttpError {
  const status = (error as HttpError | null)?.statusCode;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

/** 429 with the seconds to wait, sent back as Retry-After. */
export function tooManyRequests(message: string, retryAfterSeconds: number): HttpError {
  return Object.assign(httpError(429, message), { retryAfterSeconds });
}

/** 503 with Retry-After: the system is overloaded or briefly unable to commit; the caller retries. */
export function serviceUnavailable(message: string, retryAfterSeconds: number): HttpError {
  return Object.assign(httpError(503, message), { retryAfterSeconds });
}

export const badRequest = (message: string, field?: string) => httpError(400, message, field);
export const unauthorized = (message = 'Sign in or send a valid API key') => httpError(401, message);
export const forbidden = (message = 'Your role does not allow this') => httpError(403, message);
export const notFound = (what: string) => httpError(404, `${what} not found`);
export const conflict = (message: string, field?: string) => httpError(409, message, field);

const statusNames: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** One error shape for every route: `{statusCode, error, message, field?}`. */
export function errorHandler(error: FastifyError & { field?: string; retryAfterSeconds?: number }, request: FastifyRequest, reply: FastifyReply) {
  const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
  let field = error.field;
  let message = error.message;
  if (error.validation?.length) {
    const first = error.validation[0]!;
    const params = first.params as { missingProperty?: string; additionalProperty?: string } | undefined;
    const path = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const at = (name: string) => (path ? `${path}.${name}` : name);
    if (params?.additionalProperty) {
      field = at(params.additionalProperty);
      message = `${error.validationContext ?? 'body'}/${field} is not a known field`;
    } else {
      field = params?.missingProperty ? at(params.missingProperty) : path;
    }
  }
  if (error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
  // A 503 is an expected answer under load (its message says to retry), not a fault.
  const fault = statusCode >= 500 && statusCode !== 503;
  if (fault) request.log.error({ err: error }, 'request failed');
  return reply.status(statusCode).send({
    statusCode,
    error: statusNames[statusCode] ?? 'Error',
    message: fault ? 'Something went wrong on our side; it has been logged' : message,
    ...(field ? { field } : {}),
  });
}
