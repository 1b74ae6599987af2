#!/usr/bin/env node
// Validates JSON files against a JSON Schema, for the test suite.
//   node validate-json.js --draft4|--draft7 <schema.json> <file>...
// The OASIS SARIF 2.1.0 schema is draft-04 (ajv-draft-04 compiles it as
// published); memtidy's rule-pack schema is draft-07.
'use strict';
const fs = require('fs');
const path = require('path');
const modules = path.join(__dirname, 'node_modules');

const [dialect, schemaPath, ...files] = process.argv.slice(2);
if (!['--draft4', '--draft7'].includes(dialect) || !schemaPath || !files.length) {
  console.error('usage: validate-json.js --draft4|--draft7 <schema.json> <file>...');
  process.exit(2);
}
const Ajv = require(path.join(modules, dialect === '--draft4' ? 'ajv-draft-04' : 'ajv'));
const addFormats = require(path.join(modules, 'ajv-formats'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
let failed = false;
for (const file of files) {
  if (validate(JSON.parse(fs.readFileSync(file, 'utf8')))) {
    console.log(`${path.basename(file)}: valid`);
    continue;
  }
  failed = true;
  console.log(`${path.basename(file)}: invalid`);
  for (const e of validate.errors)
    console.log(`  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}
process.exit(failed ? 1 : 0);
