// Evidence for the rules in ./gcp.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'gcp/delete': {
    catches: [
      'gcloud secrets delete stripe-api-key --project acme-prod',
      'gcloud secrets versions destroy 3 --secret=stripe-api-key',
      'gcloud kms keys versions destroy 1 --key data --keyring prod --location global',
      'gcloud artifacts versions delete 1.2.0 --package=ui --repository=npm --location=europe-west1',
      'gcloud artifacts packages delete ui --repository=npm --location=europe-west1',
      'gcloud artifacts docker images delete europe-west1-docker.pkg.dev/acme/app/api:1.2.0 --delete-tags',
      'gcloud sql instances delete app-prod --quiet',
      'gcloud projects delete acme-prod',
      'gcloud storage rm -r gs://acme-prod',
      'gcloud container clusters delete prod --zone europe-west1-b',
      'gcloud firestore databases delete --database=prod',
      'gsutil -m rm -r gs://acme-prod/**',
      'gsutil rb gs://acme-prod',
      'gcloud storage buckets delete gs://acme',
    ],
    passes: ['gcloud sql instances list', 'gcloud config set project acme', 'gsutil ls gs://acme', 'gsutil cp x gs://acme/x', 'gcloud storage rm gs://acme/one.txt'],
  },
};
