/** The fake's STS (Query protocol, XML answers): GetCallerIdentity and AssumeRole. */
import { randomBytes } from 'node:crypto';
import { requestId, STS_NS, tag } from './query-protocol';
import { error, type Answer, type Request } from './wire';

/**
 * GetCallerIdentity and AssumeRole. `keys` maps access keys to accounts; AssumeRole adds its session's
 * key to it. `isAccount` tells whether the dataset has an account of that id.
 */
export function sts(req: Request, keys: Map<string, string>, isAccount: (id: string) => boolean): Answer {
  const form = req.form!;
  const xml = (action: string, inner: string): Answer => ({
    status: 200,
    body: `<${action}Response xmlns="${STS_NS}"><${action}Result>${inner}</${action}Result><ResponseMetadata>${tag('RequestId', requestId())}</ResponseMetadata></${action}Response>`,
    headers: { 'content-type': 'text/xml' },
  });
  if (req.action === 'GetCallerIdentity') {
    const account = keys.get(req.accessKeyId) ?? '';
    return xml(
      'GetCallerIdentity',
      `${tag('Arn', `arn:aws:iam::${account}:user/collectors`)}${tag('UserId', req.accessKeyId)}${tag('Account', account)}`,
    );
  }
  if (req.action === 'AssumeRole') {
    const arn = form.get('RoleArn') ?? '';
    const account = /^arn:aws:iam::(\d{12}):role\//.exec(arn)?.[1];
    if (!account || !isAccount(account)) {
      return error(
        req,
        403,
        'AccessDenied',
        `User is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
      );
    }
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    keys.set(accessKeyId, account);
    const session = form.get('RoleSessionName') ?? 'session';
    const seconds = Number(form.get('DurationSeconds') ?? 3600);
    return xml(
      'AssumeRole',
      `<Credentials>${tag('AccessKeyId', accessKeyId)}${tag('SecretAccessKey', randomBytes(20).toString('base64'))}${tag('SessionToken', randomBytes(48).toString('base64'))}${tag('Expiration', new Date(Date.now() + seconds * 1000).toISOString())}</Credentials><AssumedRoleUser>${tag('AssumedRoleId', `AROAFAKE:${session}`)}${tag('Arn', `arn:aws:sts::${account}:assumed-role/${arn.split('/').pop()}/${session}`)}</AssumedRoleUser>`,
    );
  }
  return error(req, 400, 'InvalidAction', `Could not find operation ${req.action}`);
}
