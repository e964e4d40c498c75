// Evidence for the rules in ./terraform.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'terraform/destroy': {
    catches: [
      'terraform destroy -auto-approve',
      'terraform -chdir=infra apply -destroy',
      'TF_CLI_ARGS=-destroy terraform apply',
      'export TF_CLI_ARGS_apply=-destroy; terraform apply -auto-approve',
      'TF_CLI_ARGS_apply=-destroy terraform apply -auto-approve',
      'TF_CLI_ARGS_apply="-destroy -auto-approve" terraform apply',
      'terraform plan -destroy -out=p && terraform apply p',
      'tofu plan -destroy -out=teardown.tfplan; tofu apply teardown.tfplan',
      'terraform apply -destroy -auto-approve',
      'tofu destroy -auto-approve -var-file=prod.tfvars',
      'terragrunt run-all destroy --terragrunt-non-interactive',
      "bash -c 'cd infra && terraform destroy -auto-approve'",
      'terraform destroy -target=aws_db_instance.main -auto-approve',
      'terragrunt run --all destroy',
    ],
    passes: [
      'terraform plan -out=p && terraform apply p',
      'TF_CLI_ARGS_plan=-destroy terraform plan',
      'TF_CLI_ARGS=-no-color terraform apply',
      'terraform plan',
      'terraform plan -destroy -out=destroy.tfplan',
      'terraform destroy -help',
      'terraform validate',
      'terragrunt run-all plan',
      'echo terraform destroy',
    ],
  },
  'terraform/replace': {
    catches: ['terraform apply -auto-approve -replace=aws_db_instance.main', 'terraform apply -replace aws_instance.web', 'terraform taint aws_db_instance.main'],
    passes: ['terraform plan -replace=aws_instance.web', 'terraform apply -help', 'terraform untaint aws_instance.web'],
  },
  'terraform/state': {
    catches: [
      'terraform state push -force ../old-laptop/terraform.tfstate',
      'terraform state rm aws_db_instance.main',
      'terraform workspace delete prod',
      'terraform state push backup.tfstate',
      'terraform force-unlock 1234',
    ],
    passes: ['terraform state list', 'terraform state show aws_db_instance.main', 'terraform state pull', 'terraform workspace list', 'terraform workspace select dev'],
  },
  'terraform/state-file-delete': {
    catches: ['rm terraform.tfstate', 'rm -f infra/terraform.tfstate.backup', 'mv terraform.tfstate /tmp/'],
    passes: ['rm -rf .terraform', 'cp terraform.tfstate backup.tfstate', 'rm plan.tfplan'],
  },
  'terraform/apply': {
    catches: ['terraform apply -auto-approve', 'terraform import aws_instance.x i-1', 'tofu apply', 'terragrunt run-all apply'],
    passes: ['terraform plan', 'terraform apply -help', 'terraform apply -destroy', 'terraform output'],
  },
};
