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
      'gcloud compute snapshots delete prod-db-disk-2024-06-01 --quiet',
      'gcloud sql backups delete 1717200000000 --instance=app-prod',
      'gcloud sql backups delete 1717200000000 --instance app-prod --project acme-prod',
      'gcloud filestore backups delete nightly --region=europe-west1',
      'gcloud compute images delete app-image-v12',
      'gcloud spanner backups delete nightly --instance=prod',
      'gcloud firestore backups delete --location=eur3 --backup=abc',
      'gcloud backup-dr backups delete b1 --backup-vault=v --data-source=d --location=us-central1',
    ],
    passes: [
      'gcloud compute snapshots list',
      'gcloud sql backups list --instance=app-prod',
      'gcloud sql backups create --instance=app-prod',
      'gcloud filestore backups describe nightly --region=europe-west1',
      'gcloud compute snapshots delete --help',
      'gcloud sql instances list',
      'gcloud config set project acme',
      'gsutil ls gs://acme',
      'gsutil cp x gs://acme/x',
      'gcloud storage rm gs://acme/one.txt',
    ],
  },
  'gcp/remove-protection': {
    catches: [
      'gcloud sql instances patch app-prod --no-backup',
      'gcloud sql instances patch app-prod --no-enable-point-in-time-recovery --quiet',
      'gcloud --project acme-prod sql instances patch app-prod --no-deletion-protection',
      'gcloud sql instances patch app-prod --no-enable-bin-log',
    ],
    passes: [
      'gcloud sql instances patch app-prod --backup-start-time 02:00',
      'gcloud sql instances patch app-prod --deletion-protection',
      'gcloud sql instances patch app-prod --enable-point-in-time-recovery',
      'gcloud sql instances describe app-prod',
      'gcloud sql instances patch --help',
    ],
  },
};
