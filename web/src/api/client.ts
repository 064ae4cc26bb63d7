/** Error reply of the Tandem API: `{ statusCode, error, message, field? }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  /** Seconds from the Retry-After header of a 429 reply. */
  readonly retryAfter: number | undefined;

  constructor(status: number, message: string, field?: string, retryAfter?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

/**
 * A field path as the server's own checks write it (`variants[0].blocks[1].url`); its
 * request-schema errors write `variants.0.blocks.1.url`.
 */
export const fieldPath = (field: string | undefined) => field?.replace(/\.(\d+)(?=\.|$)/g, '[$1]');

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {};

/** Called whenever an API call answers 401, except for calls made with `expect401`. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON, except a Blob or File, which is sent as it is (e.g. a CSV upload). */
  body?: unknown;
  /** A 401 is an expected answer of this call (wrong password), not a lost session. */
  expect401?: boolean;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, expect401 = false } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  const raw = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = raw ? body.type || 'application/octet-stream' : 'application/json';

  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'Cannot reach the Tandem server. Check your connection and try again.');
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);

  if (!response.ok) {
    const error = toApiError(response, payload);
    if (error.status === 401 && !expect401) onUnauthorized();
    throw error;
  }
  return payload as T;
}

function toApiError(response: Response, payload: unknown): ApiError {
  const record = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const message =
    typeof record.message === 'string' && record.message !== ''
      ? record.message
      : `${response.status} ${response.statusText || 'Request failed'}`;
  const field = typeof record.field === 'string' ? record.field : undefined;
  const retryHeader = response.headers.get('retry-after');
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  return new ApiError(response.status, message, field, retryAfter);
}

/** A message for a person, from any error thrown by `api`. */
export function errorMessage(error: unknown): string {
  if (isApiError(error, 429)) {
    return error.retryAfter !== undefined
      ? `Too many attempts, try again in ${error.retryAfter} s`
      : 'Too many attempts, try again later';
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

/** The server's message when it names `field` as the invalid input, so the input can show it. */
export function fieldError(error: unknown, field: string): string | undefined {
  return isApiError(error) && error.field === field ? error.message : undefined;
}

/** The server's message unless an input already shows it. */
export function formError(error: unknown, fields: readonly string[]): string | undefined {
  if (!error) return undefined;
  if (isApiError(error) && error.field !== undefined && fields.includes(error.field)) return undefined;
  return errorMessage(error);
}
