// Evidence for the rules in ./aws.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'aws/delete': {
    catches: [
      'aws rds delete-db-instance --db-instance-identifier app-prod --skip-final-snapshot --delete-automated-backups',
      'aws rds delete-db-cluster --db-cluster-identifier aurora-prod --skip-final-snapshot',
      'aws --profile prod ec2 terminate-instances --instance-ids i-0a1b2c3d4e5f67890',
      'aws --profile prod iam delete-user --user-name deploy-bot',
      'aws kms schedule-key-deletion --key-id alias/prod-data --pending-window-in-days 7',
      'aws ec2 delete-volume --volume-id vol-0123456789abcdef0',
      'aws eks delete-cluster --name prod',
      'aws elasticache delete-replication-group --replication-group-id prod-redis --no-retain-primary-cluster',
      'aws route53 delete-hosted-zone --id Z0123456789ABC',
      'aws logs delete-log-group --log-group-name /aws/lambda/payments',
      'aws elasticbeanstalk terminate-environment --environment-name cost-explorer-prod',
      'aws dynamodb delete-table --table-name orders',
      'aws secretsmanager delete-secret --secret-id prod/db --force-delete-without-recovery',
      'aws ecr batch-delete-image --repository-name app --image-ids imageTag=v1',
      'aws backup delete-recovery-point --backup-vault-name v --recovery-point-arn arn:x',
      'aws efs delete-file-system --file-system-id fs-1',
      'aws newservice delete-everything --id x',
    ],
    passes: [
      'aws s3 ls s3://acme-prod-uploads/',
      'aws sts get-caller-identity',
      'aws ec2 terminate-instances --instance-ids i-1 --dry-run',
      'aws rds describe-db-instances',
      'aws rds delete-db-instance help',
      'aws rds create-db-snapshot --db-instance-identifier app-prod --db-snapshot-identifier pre-migration',
    ],
  },
  'aws/remove-protection': {
    catches: [
      'aws rds modify-db-instance --db-instance-identifier app-prod --no-deletion-protection --apply-immediately',
      'aws rds modify-db-instance --db-instance-identifier app-prod --backup-retention-period 0 --apply-immediately',
      'aws rds modify-db-cluster --db-cluster-identifier c --no-deletion-protection',
    ],
    passes: ['aws rds modify-db-instance --db-instance-identifier app --deletion-protection', 'aws rds modify-db-instance --db-instance-identifier app --backup-retention-period 7'],
  },
  'aws/s3-bulk-delete': {
    catches: [
      'aws s3 rb s3://acme-prod --force',
      'aws s3 rm s3://acme-tmp/exports/2024-05/ --recursive',
      'aws s3 sync ./dist s3://acme-site --delete',
      'aws s3api delete-bucket --bucket acme',
      'aws s3 rm s3://acme/one-file.txt',
      'aws s3 rb s3://acme-empty',
      'aws --profile prod s3 rm s3://acme-uploads/invoices/2024/inv-1.pdf',
    ],
    passes: [
      'aws s3 cp backup.sql s3://acme-backups/2024-06-11/backup.sql',
      'aws s3 rm s3://x/y --dryrun',
      'aws s3 rm s3://x/y --recursive --dryrun',
      'aws s3 sync ./dist s3://acme-site',
      'aws s3 ls s3://acme/',
    ],
  },
  'aws/change': {
    catches: [
      'aws rds create-db-snapshot --db-instance-identifier app-prod --db-snapshot-identifier pre-migration',
      'aws ecs update-service --cluster prod --service api --force-new-deployment',
      'aws s3 cp backup.sql s3://acme-backups/x.sql',
      'aws lambda invoke --function-name f out.json',
    ],
    passes: ['aws sts get-caller-identity', 'aws s3 ls s3://x', 'aws ec2 describe-instances', 'aws s3 cp s3://acme/x.sql ./x.sql'],
  },
};
