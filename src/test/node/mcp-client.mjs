// Lectern as MCP hosts built on the official MCP TypeScript SDK see it. Run by NodeClientsTest against a running
// Lectern:
//
//   node mcp-client.mjs <base URL> <scenario>
//
// scenario "seeded": the bundled lecture (no source URL) plus one with a source URL, whose ids come in the
// environment (LECTURE_WITHOUT_LINK, LECTURE_WITH_LINK); scenario "empty": no lecture at all.
//
// Every tool that tools/list names is called with normal, empty and edge arguments. The SDK's Client.callTool
// validates each structuredContent against the tool's outputSchema and throws on a mismatch; this script runs
// every call twice, once with the SDK's default validator (what hosts use) and once with a strict Ajv for JSON
// Schema 2020-12 that also checks the schemas themselves. Any failure exits with status 1. The last line printed
// is a JSON summary.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';

const [base, scenario] = process.argv.slice(2);
if (!base || !['seeded', 'empty'].includes(scenario)) {
    console.error('usage: node mcp-client.mjs <base URL> seeded|empty');
    process.exit(2);
}
const seeded = scenario === 'seeded';
const withLink = process.env.LECTURE_WITH_LINK;
const withoutLink = process.env.LECTURE_WITHOUT_LINK;
const versionOf = (name) =>
    JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, import.meta.url))).version;
const sdkVersion = versionOf('@modelcontextprotocol/sdk');

// The calls of each tool: [label, arguments, expected outcome, check of a successful result].
// "ok" results must validate against the output schema; "error" results must be tool errors with a message.
// A tool that tools/list names and this table does not is a failure: add its calls here.
function casesFor(toolName) {
    const noLecture = 'no-such-lecture';
    const longest = 'w'.repeat(1000);
    const table = {
        search_lecture: seeded
            ? [
                  ['a question', { query: 'What is ZeRO?', k: 3 }, 'ok', (r) => expectCount(r.results, 3)],
                  ['the largest k', { query: 'attention', k: 20 }, 'ok', (r) => expectCount(r.results, 20)],
                  ['k = 1 in the lecture without a link', { query: 'What is ZeRO?', k: 1, lectureId: withoutLink }, 'ok',
                      (r) => expectNulls(r.results, 'link', true)],
                  ['in the lecture with a link', { query: 'volcano', k: 2, lectureId: withLink }, 'ok',
                      (r) => expectNulls(r.results, 'link', false)],
                  ['a 1000-character query', { query: longest }, 'ok', () => {}],
                  ['non-Latin text', { query: 'Что такое ZeRO? 零冗余优化器 🚀' }, 'ok', () => {}],
                  ['default k', { query: 'diffusion' }, 'ok', (r) => expectCount(r.results, 5)],
                  ['a blank query', { query: '   ' }, 'error'],
                  ['a 1001-character query', { query: longest + 'w' }, 'error'],
                  ['k = 0', { query: 'x', k: 0 }, 'error'],
                  ['k = 21', { query: 'x', k: 21 }, 'error'],
                  ['k as a word', { query: 'x', k: 'many' }, 'error'],
                  ['an unknown lecture', { query: 'x', lectureId: noLecture }, 'error'],
                  ['an invalid lecture id', { query: 'x', lectureId: '../etc' }, 'error'],
              ]
            : [
                  ['a question, nothing indexed', { query: 'What is ZeRO?', k: 20 }, 'ok', (r) => expectCount(r.results, 0)],
                  ['an unknown lecture', { query: 'x', lectureId: noLecture }, 'error'],
              ],
        list_lectures: [
            ['no arguments', {}, 'ok', (r) => {
                if (!seeded) return expectCount(r.lectures, 0);
                const ids = r.lectures.map((l) => l.id);
                for (const id of [withLink, withoutLink]) {
                    if (!ids.includes(id)) throw new Error(`list_lectures lacks ${id}: ${ids}`);
                }
                if (r.lectures.find((l) => l.id === withoutLink).sourceUrl !== null) {
                    throw new Error('the lecture without a source URL should have sourceUrl null');
                }
                if (typeof r.lectures.find((l) => l.id === withLink).sourceUrl !== 'string') {
                    throw new Error('the lecture with a source URL should have it as a string');
                }
            }],
            ['an unexpected argument', { extra: 1 }, 'ok', () => {}],
        ],
        get_transcript: seeded
            ? [
                  ['ten minutes', { lectureId: withoutLink, from: '00:16:00', to: '00:26:00' }, 'ok',
                      (r) => { if (r.segments.length === 0) throw new Error('no segments'); }],
                  ['seconds', { lectureId: withLink, from: '0', to: '30' }, 'ok', () => {}],
                  ['after the end', { lectureId: withoutLink, from: '09:00:00', to: '09:05:00' }, 'ok',
                      (r) => expectCount(r.segments, 0)],
                  ['over ten minutes', { lectureId: withoutLink, from: '0', to: '00:20:00' }, 'error'],
                  ['a word for a time', { lectureId: withoutLink, from: 'soon', to: '60' }, 'error'],
                  ['to before from', { lectureId: withoutLink, from: '120', to: '60' }, 'error'],
                  ['an empty window', { lectureId: withoutLink, from: '60', to: '60' }, 'error'],
                  ['an unknown lecture', { lectureId: noLecture, from: '0', to: '60' }, 'error'],
              ]
            : [['an unknown lecture', { lectureId: noLecture, from: '0', to: '60' }, 'error']],
    };
    return table[toolName];
}

function expectCount(list, n) {
    if (list.length !== n) throw new Error(`expected ${n} items, got ${list.length}`);
}

function expectNulls(list, field, isNull) {
    if (list.length === 0) throw new Error('expected results');
    for (const item of list) {
        if ((item[field] === null) !== isNull) throw new Error(`${field} should ${isNull ? '' : 'not '}be null: ${JSON.stringify(item)}`);
    }
}

function strictValidator() {
    const ajv = new Ajv2020({ strict: true, validateFormats: true, validateSchema: true, allErrors: true });
    addFormats(ajv);
    return new AjvJsonSchemaValidator(ajv);
}

const failures = [];
let calls = 0;
let quoted = null;

async function run(validatorName, jsonSchemaValidator) {
    const client = new Client(
        { name: 'lectern-node-tests', version: '1.0.0' },
        { capabilities: {}, enforceStrictCapabilities: true, jsonSchemaValidator },
    );
    await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', base)));
    try {
        const { tools } = await client.listTools();
        for (const tool of tools) {
            if (!tool.outputSchema) failures.push(`${tool.name}: no outputSchema`);
            const cases = casesFor(tool.name);
            if (!cases) {
                failures.push(`${tool.name}: no calls for this tool in mcp-client.mjs; add them to casesFor()`);
                continue;
            }
            // Empty arguments: a tool error when the tool needs arguments, a valid result when it needs none.
            const needsArguments = (tool.inputSchema.required ?? []).length > 0;
            const all = [['empty arguments', {}, needsArguments ? 'error' : 'ok', () => {}], ...cases];
            for (const [label, args, expected, check] of all) {
                calls++;
                const name = `${validatorName}: ${tool.name} with ${label}`;
                try {
                    const result = await client.callTool({ name: tool.name, arguments: args });
                    const text = result.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n');
                    if (expected === 'error') {
                        if (!result.isError) throw new Error('expected a tool error, got ' + JSON.stringify(result).slice(0, 300));
                        if (!text.trim()) throw new Error('a tool error without a message');
                    } else {
                        if (result.isError) throw new Error('unexpected tool error: ' + text);
                        if (!result.structuredContent) throw new Error('no structuredContent');
                        check(result.structuredContent);
                        if (tool.name === 'search_lecture' && label === 'a question' && !quoted) {
                            quoted = { call: { name: tool.name, arguments: args }, result };
                        }
                    }
                } catch (e) {
                    failures.push(`${name}: ${e.message}`);
                }
            }
        }
        const { prompts } = await client.listPrompts();
        if (prompts.length === 0) failures.push(`${validatorName}: no prompts`);
        for (const prompt of prompts) {
            calls++;
            const args = Object.fromEntries((prompt.arguments ?? []).map((a) => [a.name, 'What is ZeRO?']));
            try {
                const result = await client.getPrompt({ name: prompt.name, arguments: args });
                if (result.messages.length === 0) throw new Error('no messages');
            } catch (e) {
                failures.push(`${validatorName}: prompt ${prompt.name}: ${e.message}`);
            }
        }
        return tools.map((t) => t.name);
    } finally {
        await client.close();
    }
}

try {
    const tools = await run('SDK default validator', undefined);
    await run('strict Ajv 2020-12', strictValidator());
    if (quoted) console.log('search_lecture call: ' + JSON.stringify(quoted.call) + '\nvalidated result: ' + JSON.stringify(quoted.result));
    for (const f of failures) console.log('FAILED ' + f);
    console.log(JSON.stringify({ sdk: sdkVersion, node: process.version, scenario, tools, calls, failures: failures.length }));
    process.exit(failures.length === 0 ? 0 : 1);
} catch (e) {
    console.log('FAILED ' + (e.stack ?? e));
    process.exit(1);
}
