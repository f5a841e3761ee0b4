import { CoreError } from '../errors';
import { TestRequestTarget } from './sendTestRequest';

export interface TestCallUrl extends TestRequestTarget {
  /** The URL as results show it: origin, path and query. */
  displayUrl: string;
}

/**
 * An https URL taken apart for one request. User information is refused rather than dropped: a password in a
 * URL ends up in shell history and logs, and silently not sending it would make the call lie.
 */
export function parseTestCallUrl(text: string): TestCallUrl {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new CoreError('invalid-url', 'not a URL: expected https://host[:port]/path');
  }
  if (url.protocol !== 'https:')
    throw new CoreError('invalid-url', `the test call needs an https:// URL, got ${url.protocol}//`);
  if (url.username !== '' || url.password !== '') {
    throw new CoreError(
      'invalid-url',
      'the URL must not carry a user name or password: the API key is sent in the X-API-Key header',
    );
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (host === '') throw new CoreError('invalid-url', 'the URL has no host');
  return {
    host,
    port: url.port === '' ? 443 : Number(url.port),
    path: `${url.pathname}${url.search}`,
    hostHeader: url.host,
    displayUrl: `${url.origin}${url.pathname}${url.search}`,
  };
}
