// Lectern's OpenAI-compatible vector-store endpoints through the official OpenAI Node SDK. Run by NodeClientsTest
// against a running Lectern:
//
//   LECTURE_WITHOUT_LINK=id LECTURE_WITH_LINK=id node openai-client.mjs <base URL>
//
// Exits with status 1 on any failure; the last line printed is a JSON summary.

import OpenAI from 'openai';
import { readFileSync } from 'node:fs';

const [base] = process.argv.slice(2);
const withLink = process.env.LECTURE_WITH_LINK;
const withoutLink = process.env.LECTURE_WITHOUT_LINK;
if (!base || !withLink || !withoutLink) {
    console.error('usage: LECTURE_WITHOUT_LINK=id LECTURE_WITH_LINK=id node openai-client.mjs <base URL>');
    process.exit(2);
}
const sdkVersion = JSON.parse(readFileSync(new URL('node_modules/openai/package.json', import.meta.url))).version;

// No retries: a failing call must fail the test, not be hidden behind a second try.
const client = new OpenAI({ baseURL: new URL('/v1', base).toString(), apiKey: 'unused', maxRetries: 0, timeout: 60_000 });

const failures = [];
let checks = 0;

async function check(name, body) {
    checks++;
    try {
        await body();
    } catch (e) {
        failures.push(`${name}: ${e.stack ?? e}`);
    }
}

function assert(condition, message) {
    if (!condition) throw new Error(message);
}

await check('vectorStores.list names every lecture', async () => {
    const ids = [];
    for await (const store of client.vectorStores.list()) {
        assert(store.object === 'vector_store', 'object should be vector_store: ' + JSON.stringify(store));
        assert(store.status === 'completed', 'status should be completed: ' + JSON.stringify(store));
        ids.push(store.id);
    }
    assert(ids.includes(withLink) && ids.includes(withoutLink), `missing lectures in ${ids}`);
});

await check('vectorStores.search in one lecture', async () => {
    const page = await client.vectorStores.search(withoutLink, { query: 'What is ZeRO?', max_num_results: 3 });
    assert(page.data.length === 3, 'expected 3 results, got ' + page.data.length);
    const first = page.data[0];
    assert(first.file_id === withoutLink, 'file_id ' + first.file_id);
    assert(first.score > 0 && first.score <= 1, 'score ' + first.score);
    assert(first.content[0].type === 'text' && first.content[0].text.includes('Xero'), JSON.stringify(first.content));
    const start = first.attributes.start_seconds;
    assert(start >= 16 * 60 && start < 19 * 60 + 30, 'ZeRO is explained 00:16:26-00:19:30, got ' + start);
    assert(!('link' in first.attributes), 'a lecture without a source URL has no link attribute');
    assert(page.hasNextPage() === false, 'all results come in one page');
});

await check('vectorStores.search over all lectures with filters', async () => {
    const page = await client.vectorStores.search('all', {
        query: ['how do', 'volcanoes erupt'],
        max_num_results: 10,
        filters: { type: 'and', filters: [
            { type: 'eq', key: 'lecture_id', value: withLink },
            { type: 'gte', key: 'start_seconds', value: 0 },
        ] },
        ranking_options: { score_threshold: 0 },
        rewrite_query: false,
    });
    assert(page.data.length > 0, 'no results');
    for (const result of page.data) {
        assert(result.file_id === withLink, 'filtered to one lecture, got ' + result.file_id);
        assert(typeof result.attributes.link === 'string', 'a lecture with a source URL links its moments');
    }
});

await check('an unknown vector store is NotFoundError', async () => {
    try {
        await client.vectorStores.search('no-such-lecture', { query: 'x' });
        throw new Error('expected an error');
    } catch (e) {
        assert(e instanceof OpenAI.NotFoundError, 'expected NotFoundError, got ' + e);
        assert(e.message.includes('no-such-lecture'), 'the message names the lecture: ' + e.message);
    }
});

await check('max_num_results over the limit is BadRequestError', async () => {
    try {
        await client.vectorStores.search('all', { query: 'x', max_num_results: 51 });
        throw new Error('expected an error');
    } catch (e) {
        assert(e instanceof OpenAI.BadRequestError, 'expected BadRequestError, got ' + e);
        assert(e.status === 400 && e.param === 'max_num_results', 'param names the field: ' + JSON.stringify(e.error));
        assert(e.message.includes('50'), 'the message gives the limit: ' + e.message);
    }
});

for (const f of failures) console.log('FAILED ' + f);
console.log(JSON.stringify({ sdk: sdkVersion, node: process.version, checks, failures: failures.length }));
process.exit(failures.length === 0 ? 0 : 1);
