import { EnvironmentError, type PocError } from '../../core/errors.js';

const AUTH = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'ExpiredToken',
  'InvalidToken',
  'CredentialsProviderError',
  'TokenProviderError',
]);

/**
 * Turns an AWS SDK error into one a user can act on. Messages are ours, built from the error's
 * name and status only, so no key, token or signature can reach the output.
 */
export function explainS3Error(
  error: unknown,
  where: { bucket: string; endpoint?: string; profile?: string },
): PocError | undefined {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? '';
  const status = e?.$metadata?.httpStatusCode;
  const at = where.endpoint ? ` at ${where.endpoint}` : '';
  if (name === 'NoSuchBucket') {
    return new EnvironmentError(`S3 bucket ${where.bucket} does not exist${at}.`, {
      code: 'DATA_BUCKET_MISSING',
      hint: `Create it ("aws s3 mb s3://${where.bucket}${where.endpoint ? ` --endpoint-url ${where.endpoint}` : ''}") or fix data.remote.bucket in poc.yaml.`,
    });
  }
  if (AUTH.has(name) || status === 403 || /Could not load credentials|credential/i.test(name)) {
    return new EnvironmentError(
      `S3 refused the credentials for bucket ${where.bucket}${at} (${name || status}).`,
      {
        code: 'DATA_REMOTE_AUTH',
        hint:
          `poc reads credentials only from the standard AWS chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ` +
          `AWS_PROFILE${where.profile ? ` (poc.yaml names profile ${where.profile})` : ''}, ~/.aws, SSO or an instance role. Check them with "aws sts get-caller-identity".`,
      },
    );
  }
  const code = e?.code ?? '';
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET'].includes(code) ||
    name === 'TimeoutError'
  ) {
    return new EnvironmentError(`Cannot reach S3${at || ` for bucket ${where.bucket}`} (${code || name}).`, {
      code: 'DATA_REMOTE_UNREACHABLE',
      hint: 'Check data.remote.endpoint in poc.yaml, the network and any proxy settings.',
    });
  }
  return undefined;
}
