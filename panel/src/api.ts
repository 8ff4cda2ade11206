// The panel talks to the public API with the session cookie; writes carry the session's CSRF token.

export interface FieldIssue {
  path: string;
  message: string;
}

/** An API error answer `{ error: { code, message, details? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
  }
}

let csrfToken = '';
export const setCsrfToken = (token: string) => (csrfToken = token);

const headersFor = (method: string, type?: string): Record<string, string> => ({
  ...(type ? { 'content-type': type } : {}),
  ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }),
});

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
  const details = Array.isArray(body?.error?.details) ? (body!.error!.details as FieldIssue[]) : [];
  return new ApiError(res.status, body?.error?.code ?? 'error', body?.error?.message ?? res.statusText, details);
}

/**
 * One API call. Objects are sent as JSON, strings as-is with `type`.
 * @example await api<{ bots: Bot[] }>('GET', `/companies/${id}/bots`)
 */
export async function api<T = unknown>(method: string, path: string, body?: unknown, type?: string): Promise<T> {
  const isText = typeof body === 'string';
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: headersFor(method, body === undefined ? undefined : isText ? (type ?? 'text/plain') : 'application/json'),
    body: body === undefined ? undefined : isText ? body : JSON.stringify(body),
  });
  if (res.status === 401 && !path.startsWith('/panel/')) window.dispatchEvent(new Event('panel:signed-out'));
  if (!res.ok) throw await errorOf(res);
  return (res.status === 204 ? null : await res.json()) as T;
}

/** Multipart upload with progress (fetch has no upload progress): `onProgress` gets 0…1. */
export function upload<T>(path: string, file: File, onProgress: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = async () => {
      const res = new Response(xhr.responseText, { status: xhr.status });
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as T);
      else reject(await errorOf(res));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'нет связи с сервером'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/** Query string of the defined, non-empty values. */
export function qs(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
