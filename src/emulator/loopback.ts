// Which callers the /__emulator/ controls answer: loopback Host values and loopback Origins only.
// A page on any site can reach 127.0.0.1 from a visitor's browser, and a DNS-rebinding page
// (evil.example resolving to 127.0.0.1) even reaches it same-origin, so neither is enough alone.

/** 127.0.0.0/8, as the IPv4 loopback block is defined (RFC 1122 §3.2.1.3). */
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** `localhost`, `*.localhost` (RFC 6761 §6.3), 127.x.y.z or `[::1]`. */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || IPV4_LOOPBACK.test(name) || name === '[::1]';
}

/** A `Host` header value (`name[:port]`) that names this machine. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return isLoopbackHostname(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}

/** An `Origin` header value of an http(s) page served from this machine (`null` is not one). */
export function isLoopbackOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHostname(url.hostname);
  } catch {
    return false;
  }
}
