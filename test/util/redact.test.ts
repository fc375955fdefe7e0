import { redact, registerSecret, scrubUrlCredentials } from '../../src/util/redact';

describe('scrubUrlCredentials', () => {
  it.each([
    ['https://user:tok@host/x', 'https://***@host/x'],
    ['https://tok@host/x', 'https://***@host/x'],
    ['GET https://host/x?token=abc&page=2 failed', 'GET https://host/x?token=***&page=2 failed'],
    ['https://host/x?page=2&api_key=abc', 'https://host/x?page=2&api_key=***'],
    ['https://host/x?page=2', 'https://host/x?page=2'],
    ['mail me at a@b.com', 'mail me at a@b.com'],
  ])('%s → %s', (text, scrubbed) => {
    expect(scrubUrlCredentials(text)).toBe(scrubbed);
  });
});

describe('redact', () => {
  it('masks registered values wherever they appear', () => {
    registerSecret('s3cr3t-value-123');
    expect(redact('a s3cr3t-value-123 b s3cr3t-value-123')).toBe('a *** b ***');
  });
});
