/**
 * What deploying the EC2 collector needs: optional static keys, the read-only IAM statements of the
 * calls it makes (deploy/iam/collectors-policy.json), and an example config section.
 */
import type { DeployDeclaration } from '../types';
import { ACCESS_KEY_ENV, ACCESS_KEY_SECRET, SECRET_KEY_ENV, SECRET_KEY_SECRET } from './aws';

export const ec2Deploy: DeployDeclaration = {
  secrets: [
    {
      name: ACCESS_KEY_SECRET,
      env: ACCESS_KEY_ENV,
      description:
        'Optional. Access key id of an IAM user with the collector’s EC2 statements, when the workers have no role of their own (IRSA); set with ec2/secret-access-key.',
    },
    {
      name: SECRET_KEY_SECRET,
      env: SECRET_KEY_ENV,
      description: 'Optional. The secret access key that goes with ec2/access-key-id.',
    },
  ],
  iamStatements: [
    {
      sid: 'Ec2CollectorDescribeInventory',
      actions: [
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeSpotPriceHistory',
        'ec2:DescribeVolumes',
      ],
      resources: ['*'],
      why: 'EC2 collector: instances, the GPUs of their types, spot prices and EBS volumes (Describe actions have no resource-level permissions).',
    },
    {
      sid: 'Ec2CollectorCpuUtilization',
      actions: ['cloudwatch:GetMetricData'],
      resources: ['*'],
      why: 'EC2 collector: CPUUtilization of the running instances over the last hour.',
    },
    {
      sid: 'Ec2CollectorPrices',
      actions: ['pricing:GetProducts'],
      resources: ['*'],
      why: 'EC2 collector: on-demand instance and EBS storage prices (the Price List API).',
    },
    {
      sid: 'Ec2CollectorAssumeAccountRoles',
      actions: ['sts:AssumeRole'],
      resources: ['arn:aws:iam::<WATCHED_ACCOUNT_ID>:role/<EC2_READ_ROLE>'],
      why: 'EC2 collector: the role of each other account it watches (targets.accounts[].roleArn); that role needs the three statements above and to trust the workers’ role. Leave it out when it watches only its own account.',
    },
  ],
  exampleSection: {
    schedule: '5m',
    targets: {
      accounts: [
        { name: 'prod', regions: ['us-east-1', 'us-west-2'] },
        {
          name: 'research',
          roleArn: 'arn:aws:iam::210987654321:role/datadog-collectors-ec2-read',
          regions: ['eu-west-1'],
        },
      ],
    },
    options: { idleCpuPercent: 10 },
  },
};
