/**
 * PKCE (RFC 7636) with S256, and the random values of an authorization request. Every value comes
 * from the operating system's CSPRNG.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** 32 random bytes → a 43-character base64url verifier (RFC 7636 §4.1 allows 43–128). */
export function newCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

/** code_challenge = BASE64URL(SHA256(ASCII(code_verifier))) (RFC 7636 §4.2). */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** 256 bits for `state`: well above the 128 bits an unguessable value needs. */
export function newState(): string {
  return randomBytes(32).toString('base64url');
}

/** MedMij-Request-ID and X-Correlation-ID are UUIDs (core.authint.208, core.tknint.208). */
export function newRequestId(): string {
  return randomUUID();
}
