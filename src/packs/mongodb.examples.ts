// Evidence for the rules in ./mongodb.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'mongodb/destructive-code': {
    catches: [
      'mongosh "$MONGO_URL" --eval \'db.dropDatabase()\'',
      "docker exec -it mongo mongosh app --eval 'db.orders.drop()'",
      "mongosh app --eval 'db.users.deleteMany({})'",
      "mongo app --eval 'db.logs.remove({})'",
      'mongosh app --eval \'db.users.updateMany({}, {$set: {plan: "free"}})\'',
    ],
    passes: ['mongosh "$MONGO_URL" --eval \'db.users.countDocuments()\'', "mongosh app --eval 'db.sessions.deleteMany({expiresAt: {$lt: new Date()}})'", 'mongosh --version'],
  },
  'mongodb/restore-drop': {
    catches: ['mongorestore --drop dump/', 'mongorestore --uri "$MONGO_URL" --drop --gzip'],
    passes: ['mongorestore dump/', 'mongodump --out dump/'],
  },
};
