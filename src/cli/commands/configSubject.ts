import { Command } from '../command';
import { configSubjectCommand } from '../configSubjectCommand';
import { stringOption } from '../parseArgs';

export const configSubject: Command = {
  name: 'config-subject',
  summary: 'the subject and SANs that `openssl req -new -config FILE -batch` would put into a CSR, with the config\'s diagnostics',
  synopsis: 'config-subject FILE.cnf [--json] [--section NAME]',
  options: {
    json: { type: 'boolean', description: 'print {"subject","subjectAltNames","diagnostics"} as one JSON document' },
    section: { type: 'string', value: 'NAME', description: 'the req section to read (default: req)' },
  },
  run(args, io) {
    const argv = [...args.positionals];
    if (args.options.json) argv.push('--json');
    const section = stringOption(args, 'section');
    if (section) argv.push('--section', section);
    return configSubjectCommand(argv, { stdout: io.stdout, stderr: io.stderr, env: io.env });
  },
};
