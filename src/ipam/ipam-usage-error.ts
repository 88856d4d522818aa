/** Stable codes for programming misuse of the ipam API (not user input, which gets ParseResult or refusals). */
export type IpamUsageCode = 'prefix-length-out-of-range' | 'policy-length-out-of-range' | 'duplicate-subnet';

/** Thrown when a caller breaks an ipam API precondition; user input never reaches this, it is validated first. */
export class IpamUsageError extends Error {
  readonly code: IpamUsageCode;

  constructor(code: IpamUsageCode, message: string) {
    super(message);
    this.name = 'IpamUsageError';
    this.code = code;
  }
}
