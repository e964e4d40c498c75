// Evidence for the rules in ./gcp.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'gcp/delete': {
    catches: [
      'gcloud sql instances delete app-prod --quiet',
      'gcloud projects delete acme-prod',
      'gcloud storage rm -r gs://acme-prod',
      'gcloud container clusters delete prod --zone europe-west1-b',
      'gcloud firestore databases delete --database=prod',
      'gsutil -m rm -r gs://acme-prod/**',
      'gsutil rb gs://acme-prod',
      'gcloud storage buckets delete gs://acme',
      'gcloud storage rm gs://acme/one.txt',
      'gsutil rm gs://acme-uploads/invoices/inv-1.pdf',
      'gsutil -m rsync -r -d ./site gs://acme-site',
      'gcloud storage rsync ./site gs://acme-site --recursive --delete-unmatched-destination-objects',
    ],
    passes: [
      'gcloud sql instances list',
      'gcloud config set project acme',
      'gsutil ls gs://acme',
      'gsutil cp x gs://acme/x',
      'gsutil rsync -r ./site gs://acme-site',
      'gsutil rsync -n -d -r ./site gs://acme-site',
      'gcloud storage rm --help',
    ],
  },
  'gcp/change': {
    catches: [
      'gcloud run deploy web --image gcr.io/acme/web --project acme-prod',
      'gcloud sql import sql prod-db gs://acme-dumps/dump.sql',
      'gsutil cp dist/app.js gs://acme-production/',
      'gsutil -m cp -r dist gs://acme-prod-site',
      'gcloud storage cp report.csv gs://acme-reports/',
      'gcloud app deploy app.yaml --quiet',
      'gcloud functions deploy fn --runtime nodejs20 --trigger-http',
    ],
    passes: [
      'gcloud run services list --project acme-prod',
      'gcloud config set project acme-prod',
      'gcloud auth login',
      'gsutil cp gs://acme-production/x.csv ./x.csv',
      'gcloud sql instances describe prod-db',
      'gcloud run deploy --help',
    ],
  },
};
