// Evidence for the rules in ./kubernetes.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'kubernetes/delete': {
    catches: [
      'kubectl delete namespace production',
      'kubectl delete pvc --all -n production',
      'kubectl --context prod-eks delete statefulset postgres --cascade=foreground',
      'kubectl delete -f k8s/',
      'kubectl delete crd certificates.cert-manager.io',
      'kubectl delete deploy --all -n staging',
      'kubectl delete ns/dev pv/data-1',
      'kubectl -n prod delete all --all',
      'kubectl delete ingressroute web',
      'kubectl delete ingressroutes.traefik.io web -n production',
      'kubectl delete configmap app-config',
      'kubectl delete secret db-credentials -n prod',
      'kubectl delete svc/api',
      'kubectl delete ingress web -n dev',
      'kubectl delete deployment api -n dev',
      'kubectl delete pod,service api',
      'oc delete route web',
    ],
    passes: [
      'kubectl delete pod api-7d9f8b6c5-x2k4q -n dev',
      'kubectl delete pods/api-1 po/api-2',
      'kubectl delete rs api-7d9f8b6c5',
      'kubectl delete events --field-selector involvedObject.name=api',
      'kubectl delete lease leader-election -n kube-system',
      'kubectl get pods -n production -o wide',
      'kubectl diff -f k8s/',
      'kubectl delete namespace x --dry-run=client',
      'kubectl delete configmap app-config --dry-run=server',
      'kubectl delete -f k8s/job.yaml',
    ],
  },
  'kubernetes/scale-to-zero': {
    catches: ['kubectl scale statefulset postgres --replicas=0 -n production', 'kubectl scale sts/redis --replicas 0'],
    passes: ['kubectl scale deployment api --replicas=3', 'kubectl scale sts/redis --replicas=2', 'kubectl scale deployment worker --replicas=0 -n dev'],
  },
  'kubernetes/drain-emptydir': {
    catches: ['kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data', 'kubectl drain node-2 --delete-local-data'],
    passes: ['kubectl drain node-1 --ignore-daemonsets', 'kubectl cordon node-1'],
  },
  'kubernetes/change': {
    catches: ['kubectl apply -f k8s/ --context prod-eks', 'kubectl rollout restart deploy/api -n production', 'kubectl set image deploy/api api=x:2'],
    passes: ['kubectl get pods', 'kubectl diff -f k8s/', 'kubectl apply -f k8s/ --dry-run=server', 'kubectl rollout status deploy/api'],
  },
};
