#!/usr/bin/env node
// Validates SARIF files against the OASIS SARIF 2.1.0 JSON schema, which is
// draft-04: ajv-draft-04 compiles it as published, without migration.
//   node validate.js <schema.json> <file.sarif>...
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require(path.join(__dirname, 'node_modules', 'ajv-draft-04'));
const addFormats = require(path.join(__dirname, 'node_modules', 'ajv-formats'));

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error('usage: validate.js <schema.json> <file.sarif>...');
  process.exit(2);
}
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
let failed = false;
for (const file of files) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(data)) {
    console.log(`${file}: valid SARIF 2.1.0`);
    continue;
  }
  failed = true;
  console.log(`${file}: invalid`);
  for (const e of validate.errors)
    console.log(`  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}
process.exit(failed ? 1 : 0);
