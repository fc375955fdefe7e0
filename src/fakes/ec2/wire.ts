/** The fake AWS's request as parsed from the wire, its answer, and the error answer of each protocol. */
import type { IncomingMessage } from 'node:http';
import { requestId, STS_NS, tag, type Params } from './query-protocol';

export interface Request {
  readonly service: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly action: string;
  readonly json?: Record<string, unknown>;
  readonly form?: Params;
  readonly raw: Buffer;
  readonly incoming: IncomingMessage;
}

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

export function error(req: Pick<Request, 'service'>, status: number, code: string, message: string): Answer {
  if (req.service === 'ec2') {
    return {
      status,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>${tag('Code', code)}${tag('Message', message)}</Error></Errors>${tag('RequestID', requestId())}</Response>`,
      headers: { 'content-type': 'text/xml;charset=UTF-8' },
    };
  }
  if (req.service === 'sts') {
    return {
      status,
      body: `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type>${tag('Code', code)}${tag('Message', message)}</Error>${tag('RequestId', requestId())}</ErrorResponse>`,
      headers: { 'content-type': 'text/xml' },
    };
  }
  const json = {
    'content-type': req.service === 'pricing' ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0',
  };
  return {
    status,
    body: JSON.stringify({ __type: code, message }),
    // CloudWatch speaks JSON in query-compatible mode: the SDK takes the code from this header.
    headers: req.service === 'monitoring' ? { ...json, 'x-amzn-query-error': `${code};Sender` } : json,
  };
}
