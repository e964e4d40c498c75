// Evidence for the rules in ./interpreters.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'interpreters/destructive-code': {
    catches: [
      `python3 - <<'PY'\nimport os, psycopg2\nconn = psycopg2.connect(os.environ['DATABASE_URL'])\nconn.cursor().execute('TRUNCATE orders CASCADE')\nconn.commit()\nPY`,
      'python -c "from db.pg_init import init_db; init_db(True)"',
      `python -c "import requests; base='http://localhost:5000/api/agents'; [requests.delete(f'{base}/{a[\\"id\\"]}') for a in requests.get(base).json()]"`,
      `python -c "import shutil; shutil.rmtree('/home/me/projects')"`,
      `node -e "require('fs').rmSync('src', {recursive: true, force: true})"`,
      `ruby -e 'FileUtils.rm_rf(Dir.home)'`,
      `node -e "await sequelize.sync({ force: true })"`,
      `deno eval "await Deno.remove('data', { recursive: true })"`,
      `node -e "const {algoliasearch}=require('algoliasearch'); algoliasearch(id, key).deleteIndex({indexName: 'products'})"`,
      `node -e "client.clearObjects({ indexName: 'products' }).then(console.log)"`,
      `python -c "from algoliasearch.search.client import SearchClientSync; SearchClientSync(a, k).delete_by('products', {'filters': 'type:old'})"`,
      `python3 -c "from elasticsearch import Elasticsearch; Elasticsearch('http://localhost:9200').indices.delete(index='logs-*')"`,
      `python -c "import chromadb; chromadb.HttpClient().delete_collection('docs')"`,
      `python -c "import chromadb; client = chromadb.PersistentClient(); client.reset()"`,
      `python -c "from pinecone import Pinecone; Pinecone().Index('docs').delete(delete_all=True, namespace='ns1')"`,
      `node -e "await pc.index('docs').namespace('ns1').deleteAll()"`,
      `python -c "import typesense; c = typesense.Client(cfg); c.collections['companies'].delete()"`,
      `node -e "await client.collections('companies').documents().delete({filter_by: 'num_employees:>100'})"`,
      `python -c "import weaviate; weaviate.connect_to_local().collections.delete('Article')"`,
      `python -c "from pymilvus import MilvusClient; MilvusClient('http://localhost:19530').drop_collection('docs')"`,
      `python -c "import meilisearch; meilisearch.Client(url, key).index('movies').delete_all_documents()"`,
      // Printed and run: the run is what counts.
      `node -e "db.query('DROP TABLE users'); console.log('done')"`,
      `python3 -c 'import sqlite3; c = sqlite3.connect("a.db"); print("dropping"); c.execute("DROP TABLE users")'`,
      `node -e "console.log(db.exec('DROP TABLE users'))"`,
    ],
    passes: [
      'python -c "print(1)"',
      `python -c "import shutil; shutil.rmtree('build')"`,
      `node -e "console.log(require('fs').readdirSync('.'))"`,
      'python --version',
      `python -c "import requests; print(requests.get('http://x').status_code)"`,
      'node -e "fs.rmSync(\'node_modules\', {recursive:true})"',
      `node -e "client.searchSingleIndex({ indexName: 'products', searchParams: { query: 'shoe' } }).then(console.log)"`,
      `python -c "import chromadb; print(chromadb.HttpClient().get_collection('docs').count())"`,
      `python3 -c "from elasticsearch import Elasticsearch; print(Elasticsearch('http://localhost:9200').indices.get(index='logs-*'))"`,
      `python -c "from pinecone import Pinecone; print(Pinecone().Index('docs').describe_index_stats())"`,
      `python -c "import respx; client = respx.mock(); client.reset()"`,
      // SQL that is only printed is text for a person, not a statement sent to a database.
      `node -e "console.log('DROP TABLE users')"`,
      `python3 -c 'print("DELETE FROM sessions WHERE expired")'`,
      `ruby -e 'puts "TRUNCATE logs"'`,
      `php -r 'echo "DROP TABLE cache;";'`,
      `perl -e 'print "DROP TABLE x\\n"'`,
    ],
  },
};
