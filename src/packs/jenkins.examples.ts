// Evidence for the rules in ./jenkins.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'jenkins/delete': {
    catches: [
      'java -jar jenkins-cli.jar -s https://jenkins.acme.com/ -auth deploy:"$TOKEN" delete-job payments',
      'java -jar ~/bin/jenkins-cli.jar -s http://localhost:8080/ delete-builds payments 1-100',
      'JENKINS_URL=https://ci.prod.acme.com java -jar jenkins-cli.jar delete-node agent-7',
      'java -jar jenkins-cli.jar -webSocket -s https://jenkins.acme.com/ delete-view releases',
      'java -jar /opt/jenkins-cli-2.440.jar -s https://jenkins.acme.com/ delete-credentials system::system::jenkins _ deploy-key',
      'jenkins-cli delete-job payments',
    ],
    passes: [
      'java -jar jenkins-cli.jar -s https://jenkins.acme.com/ list-jobs',
      'java -jar jenkins-cli.jar -s https://jenkins.acme.com/ get-job payments',
      'java -jar jenkins-cli.jar -s https://jenkins.acme.com/ console payments 1234',
      'java -jar jenkins-cli.jar -s https://jenkins.acme.com/ disable-job payments',
      'java -jar jenkins-cli.jar -s https://jenkins.acme.com/ build payments -p BRANCH=main',
      'java -jar jenkins-cli.jar -s https://jenkins.acme.com/ help delete-job',
      'java -jar app.jar delete-job payments',
    ],
  },
};
