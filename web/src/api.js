// The JSON API (docs/http-api.md): the session's CSRF token goes with every write.
let csrf = '';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  const init = { method, headers: {}, credentials: 'same-origin' };
  if (method !== 'GET') init.headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!res.ok) {
    const msg = data && data.error ? data.error.message : `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, msg);
  }
  return data;
}

export const api = {
  setCsrf(token) { csrf = token || ''; },
  session: () => call('GET', '/api/session'),
  login: (name, password) => call('POST', '/api/session', { name, password }),
  logout: () => call('DELETE', '/api/session'),
  incidents: (params) => call('GET', '/api/incidents?' + new URLSearchParams(params)),
  timeline: (params) => call('GET', '/api/timeline?' + new URLSearchParams(params)),
  incident: (id) => call('GET', '/api/incidents/' + encodeURIComponent(id)),
  correct: (id, field, value, reason) =>
    call('POST', `/api/incidents/${encodeURIComponent(id)}/corrections`, { field, value, reason }),
  review: (id, status, reason) =>
    call('POST', `/api/incidents/${encodeURIComponent(id)}/review`, { status, reason }),
  merge: (id, other, reason) =>
    call('POST', `/api/incidents/${encodeURIComponent(id)}/merge`, { other, reason }),
  split: (id, doc_id, reason) =>
    call('POST', `/api/incidents/${encodeURIComponent(id)}/split`, { doc_id, reason }),
};
