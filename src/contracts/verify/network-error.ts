import { EnvironmentError } from '../../core/errors.js';

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** The errno-like code buried in a fetch or mqtt error (fetch wraps it in `cause`). */
export function errorCode(error: unknown): string | undefined {
  for (
    let current = error as { code?: unknown; cause?: unknown } | undefined;
    current;
    current = current.cause as typeof current
  ) {
    if (typeof current.code === 'string' && current.code !== 'UND_ERR_SOCKET') return current.code;
    if (!current.cause || typeof current.cause !== 'object') break;
  }
  return undefined;
}

/**
 * A connection failure as the EnvironmentError (exit 4) a user can act on: TLS trust problems
 * and unreachable endpoints get different hints.
 */
export function unreachable(what: string, endpoint: string, error: unknown): EnvironmentError {
  const code = errorCode(error);
  if (code && (TLS_CODES.has(code) || /TLS|SSL|CERT/.test(code))) {
    return new EnvironmentError(`TLS handshake with ${endpoint} (${what}) failed: ${code}.`, {
      code: 'TLS_ERROR',
      hint:
        'The server certificate is not trusted here. Add the plant CA with NODE_EXTRA_CA_CERTS=/path/ca.pem, ' +
        'or check that the endpoint in poc.yaml uses the right scheme (https/mqtts) and host name.',
      cause: error,
    });
  }
  return new EnvironmentError(
    `${endpoint} (${what}) is unreachable: ${code ?? (error as Error)?.message ?? error}.`,
    {
      code: 'ENDPOINT_UNREACHABLE',
      hint:
        endpoint.startsWith('http://127.0.0.1') ||
        endpoint.includes('localhost') ||
        endpoint.startsWith('mqtt://127.0.0.1')
          ? 'Is "poc mock" running? Start it in another terminal, then verify again.'
          : 'Check the endpoint in poc.yaml, the network path (VPN, firewall) and that the service is up.',
      cause: error,
    },
  );
}
