// The configs the differential suite hands to both openssl and the core. Each names the corner it covers; those
// OpenSSL refuses say so, with the finding code the core must give. Files are written into a fresh directory that
// is also openssl's working directory, so relative .include paths resolve the same way for both.

export interface DifferentialCase {
  name: string;
  /** The config text, or `fixture:NAME` for a file under test/fixtures/opensslConfig (the directory is copied). */
  config: string;
  /** More files, relative to the working directory (includes, directories of includes). */
  files?: Record<string, string>;
  /** Environment of the openssl child (on top of PATH) and given to the core. */
  env?: Record<string, string>;
  expect: 'accept' | 'refuse';
  /** For refusals: a finding code the core must report as an error. */
  code?: string;
}

export const lines = (...l: string[]) => l.join('\n') + '\n';
/** A [req] section with prompt = no, distinguished_name = dn, and optionally req_extensions = ext. */
const auto = (...rest: string[]) => lines('[ req ]', 'prompt = no', 'distinguished_name = dn', ...rest);
/** A prompt-free request with the DN O/OU/CN of the cases and the extension lines `rest` in [ ext ]. */
export const withExt = (...rest: string[]) =>
  lines(
    '[ req ]',
    'prompt = no',
    'distinguished_name = dn',
    'req_extensions = ext',
    '[ dn ]',
    'O = Example',
    'OU = Payments',
    'CN = client.example.com',
    '[ ext ]',
    ...rest,
  );
const prompted = (...rest: string[]) => lines('[ req ]', 'distinguished_name = dn', '[ dn ]', ...rest);

export const DIFFERENTIAL_CASES: DifferentialCase[] = [
  // Fixtures: realistic request configs.
  {
    name: 'fixture: program A, prompt = no with @alt_names',
    config: 'fixture:program-a-openssl.cnf',
    expect: 'accept',
  },
  {
    name: 'fixture: program B, prompted defaults, N. prefixes, variables',
    config: 'fixture:program-b-prompted.cnf',
    expect: 'accept',
  },
  { name: 'fixture: program C, .include of a shared file', config: 'fixture:program-c-include.cnf', expect: 'accept' },
  { name: 'fixture: program D, .include of a directory', config: 'fixture:program-d-directory.cnf', expect: 'accept' },
  {
    name: 'fixture: variable used before its definition',
    config: 'fixture:broken-variable.cnf',
    expect: 'refuse',
    code: 'undefined-variable',
  },
  {
    name: 'fixture: inline names mixed with @section',
    config: 'fixture:broken-san.cnf',
    expect: 'refuse',
    code: 'san-bad-ip',
  },

  // The reader: comments, quotes, escapes, continuations.
  {
    name: 'comments, blank lines and blanks around =',
    config: lines(
      '# leading comment',
      '',
      '[ req ]   # comment after header',
      '  prompt=no',
      'distinguished_name   =    dn    # trailing',
      '[dn]',
      '\tCN\t=\tclient.example.com\t',
      'O = Example # no more',
    ),
    expect: 'accept',
  },
  {
    name: 'double quotes keep # and blanks',
    config: auto('[ dn ]', 'CN = "  a # b  "', 'O = x"y z"w'),
    expect: 'accept',
  },
  {
    name: 'single quotes: escapes are literal, \\n stays n',
    config: auto('[ dn ]', "CN = 'a\\nb\\'c'", "O = 'it''s'"),
    expect: 'accept',
  },
  { name: 'backquote is a quote character too', config: auto('[ dn ]', 'CN = `a # b`c', 'O = x'), expect: 'accept' },
  {
    name: 'an apostrophe swallows the comment after it',
    config: auto('[ dn ]', "O = Bob's Burgers   # comment", 'CN = it\'s "quoted" here'),
    expect: 'accept',
  },
  {
    name: 'backslash escapes \\n \\t \\r \\b \\\\ \\" \\#',
    config: auto('[ dn ]', 'CN = a\\tb\\\\c\\"d\\#e', 'O = line1\\nline2', 'OU = \\r\\bx\\q'),
    expect: 'accept',
  },
  {
    name: "line continuation keeps the next line's indentation",
    config: auto('[ dn ]', 'CN = abc\\', '   def', 'O = one\\', 'two\\', 'three'),
    expect: 'accept',
  },
  {
    name: 'a doubled backslash at the end is no continuation',
    config: auto('[ dn ]', 'CN = abc\\\\', 'O = x\\\\\\', 'OU = y'),
    expect: 'accept',
  },
  { name: 'an escaped trailing blank is lost', config: auto('[ dn ]', 'CN = abc\\ ', 'O = "kept "'), expect: 'accept' },
  {
    name: 'CRLF line ends and a byte order mark',
    config: '\ufeff[req]\r\nprompt=no\r\ndistinguished_name=dn\r\n[dn]\r\nCN=crlf \r\nO=cont\\\r\ninued\r\n',
    expect: 'accept',
  },
  {
    name: 'no newline after the last line',
    config: '[req]\nprompt=no\ndistinguished_name=dn\n[dn]\nCN=last',
    expect: 'accept',
  },
  { name: 'a value with = and : inside', config: auto('[ dn ]', 'CN = a=b:c', 'O = k=v'), expect: 'accept' },

  // Variables.
  {
    name: '$var, ${var} and $(var) from the default section',
    config: lines('x = V', 'y = W') + auto('[ dn ]', 'CN = $x-${y}-$(x).$x', 'O = pre${x}post'),
    expect: 'accept',
  },
  {
    name: 'the current section wins over the default section',
    config:
      lines('myvar = fromdefault') +
      prompted('myvar = local', 'CN = n', 'CN_default = $myvar', 'O = o', 'O_default = ${myvar}-2'),
    expect: 'accept',
  },
  {
    name: 'variables in the req section',
    config: lines(
      '[ req ]',
      'prompt = no',
      'section_name = dn',
      'distinguished_name = $section_name',
      '[ dn ]',
      'CN = $req::section_name',
    ),
    expect: 'accept',
  },
  {
    name: '$section::name and ${section::name}',
    config: auto('[ vals ]', 'cn = V', 'o = W', '[ dn ]', 'CN = $vals::cn', 'O = ${vals::o}!'),
    expect: 'accept',
  },
  {
    name: '$section::name falls back to the default section',
    config: lines('cn = fromdefault') + auto('[ vals ]', 'x = 1', '[ dn ]', 'CN = $vals::cn', 'O = $nosuchsection::cn'),
    expect: 'accept',
  },
  {
    name: '$ENV::NAME and ${ENV::NAME} from the environment',
    config: auto('[ dn ]', 'CN = $ENV::MTLS_TEST_CN', 'O = ${ENV::MTLS_TEST_O}'),
    env: { MTLS_TEST_CN: 'env.example.com', MTLS_TEST_O: 'Env Org' },
    expect: 'accept',
  },
  {
    name: '$ENV::NAME unset falls back to the default section',
    config: lines('MTLS_TEST_UNSET = fallback') + auto('[ dn ]', 'CN = $ENV::MTLS_TEST_UNSET'),
    expect: 'accept',
  },
  {
    name: 'an [ENV] entry overrides the environment',
    config: lines('[ ENV ]', 'MTLS_TEST_CN = fromsection') + auto('[ dn ]', 'CN = $ENV::MTLS_TEST_CN'),
    env: { MTLS_TEST_CN: 'fromenv' },
    expect: 'accept',
  },
  {
    name: '$ENV:: through three levels of variables, concatenated, in a SAN section',
    config:
      lines('a = $ENV::MTLS_TEST_SECRET', 'b = $a', 'c = x-${b}') +
      auto(
        'req_extensions = ext',
        '[ dn ]',
        'CN = $c.example.com',
        'O = $a',
        '[ ext ]',
        'subjectAltName = @alt',
        '[ alt ]',
        'DNS.1 = ${c}.example.com',
        'DNS.2 = $b',
        'email.1 = $a@example.com',
      ),
    env: { MTLS_TEST_SECRET: 'not-shown-s3cr3t' },
    expect: 'accept',
  },
  {
    name: '$ENV:: in an inline SAN list',
    config:
      lines('v = $ENV::MTLS_TEST_SECRET') +
      auto(
        'req_extensions = ext',
        '[ dn ]',
        'CN = c',
        'O = pre-${v}',
        '[ ext ]',
        'subjectAltName = DNS:a.example, DNS:$v.example, email:pre-${v}@example.com',
      ),
    env: { MTLS_TEST_SECRET: 'not-shown-s3cr3t' },
    expect: 'accept',
  },
  {
    name: "an included file's values through variables",
    config:
      lines('.include inc/vals.cnf', '[ default ]', 'x = ${vals::secret}') +
      auto('[ dn ]', 'CN = $x', 'O = $vals::secret-org'),
    files: { 'inc/vals.cnf': lines('[ vals ]', 'secret = from-the-file') },
    expect: 'accept',
  },
  {
    name: '$ENV::NAME unset and nowhere else',
    config: auto('[ dn ]', 'CN = $ENV::MTLS_TEST_NEVER_SET'),
    expect: 'refuse',
    code: 'undefined-variable',
  },
  { name: 'undefined variable', config: auto('[ dn ]', 'CN = $nope'), expect: 'refuse', code: 'undefined-variable' },
  {
    name: 'variable defined on a later line',
    config: auto('[ dn ]', 'CN = $later', 'later = x'),
    expect: 'refuse',
    code: 'undefined-variable',
  },
  {
    name: '${ without its }',
    config: lines('x = 1') + auto('[ dn ]', 'CN = ${x'),
    expect: 'refuse',
    code: 'missing-close-brace',
  },
  { name: 'a lone $', config: auto('[ dn ]', 'CN = costs 5 $ now'), expect: 'refuse', code: 'undefined-variable' },
  { name: 'variable names stop at a dot', config: lines('a = V') + auto('[ dn ]', 'CN = $a.b'), expect: 'accept' },
  {
    name: 'variables are not expanded in quotes; \\$ is a dollar',
    config: lines('x = V') + auto('[ dn ]', 'CN = "$x" $x', 'O = a\\$x'),
    expect: 'accept',
  },
  {
    name: 'expansion over 65536 bytes',
    config: lines(`a = ${'x'.repeat(32768)}`, 'b = $a$a') + auto('[ dn ]', 'CN = x'),
    expect: 'refuse',
    code: 'variable-expansion-too-long',
  },
  {
    name: 'expansion just under the limit',
    config: lines(`a = ${'x'.repeat(32000)}`, 'b = $a$a') + auto('[ dn ]', 'CN = x'),
    expect: 'accept',
  },

  // Pragmas.
  {
    name: '.pragma dollarid: $ inside names, only ${} expands',
    config: lines('.pragma dollarid:on', 'x$y = V', 'x = W') + auto('[ dn ]', 'CN = a$x ${x$y}', 'O = ${x}'),
    expect: 'accept',
  },
  {
    name: '.pragma = dollarid : true, then off again',
    config: lines('.pragma = dollarid : true', 'x = V') + auto('[ dn ]', 'CN = $x', '.pragma dollarid:off', 'O = $x'),
    expect: 'accept',
  },
  {
    name: '.pragma with a bad boolean',
    config: lines('.pragma dollarid:maybe') + auto('[ dn ]', 'CN = x'),
    expect: 'refuse',
    code: 'invalid-pragma',
  },
  {
    name: '.pragma without a colon',
    config: lines('.pragma dollarid') + auto('[ dn ]', 'CN = x'),
    expect: 'refuse',
    code: 'invalid-pragma',
  },
  {
    name: 'an unknown pragma is ignored',
    config: lines('.pragma color:blue') + auto('[ dn ]', 'CN = x'),
    expect: 'accept',
  },
  {
    name: '.pragmaX is a pragma too',
    config: lines('.pragmaX dollarid:on', 'x = V') + auto('[ dn ]', 'CN = a$x'),
    expect: 'accept',
  },

  // Includes.
  {
    name: '.include of a file; the section carries on after it',
    config: auto('.include inc/subject.cnf', 'O = after the include'),
    files: { 'inc/subject.cnf': lines('[ dn ]', 'CN = included.example.com') },
    expect: 'accept',
  },
  {
    name: '.include = file and .include=file',
    config: lines('.include = inc/a.cnf', '.include=inc/b.cnf') + auto(),
    files: { 'inc/a.cnf': lines('[ dn ]', 'CN = a'), 'inc/b.cnf': lines('[ dn ]', 'O = b') },
    expect: 'accept',
  },
  {
    name: '.include of a directory: .cnf and .conf only, any case',
    config: auto('.include incdir'),
    files: {
      'incdir/one.cnf': lines('[ dn ]', 'CN = one'),
      'incdir/two.conf': lines('[ dn ]', 'O = two'),
      'incdir/three.CNF': lines('[ dn ]', 'OU = three'),
      'incdir/skip.txt': lines('[ dn ]', 'L = skipped'),
      'incdir/.cnf': lines('[ dn ]', 'ST = bare'),
    },
    expect: 'accept',
  },
  {
    name: 'a missing include is silently skipped',
    config: auto('.include does/not/exist.cnf', '[ dn ]', 'CN = x'),
    expect: 'accept',
  },
  {
    name: '.include with a variable and quotes in the path',
    config: lines('d = inc') + auto(".include $d/'q.cnf' # comment"),
    files: { 'inc/q.cnf': lines('[ dn ]', 'CN = quoted path') },
    expect: 'accept',
  },
  {
    name: 'no variables inside a quoted include path',
    config: lines('d = inc') + auto('.include "$d/q.cnf"'),
    files: { 'inc/q.cnf': lines('[ dn ]', 'CN = never read') },
    expect: 'refuse',
    code: 'distinguished-name-section-missing',
  },
  {
    name: '.pragma includedir prefixes relative includes',
    config: lines('.pragma includedir:sub') + auto('.include x.cnf'),
    files: { 'sub/x.cnf': lines('[ dn ]', 'CN = from includedir') },
    expect: 'accept',
  },
  {
    name: 'OPENSSL_CONF_INCLUDE prefixes relative includes',
    config: auto('.include y.cnf'),
    files: { 'envdir/y.cnf': lines('[ dn ]', 'CN = from env dir') },
    env: { OPENSSL_CONF_INCLUDE: 'envdir' },
    expect: 'accept',
  },
  {
    name: '.pragma abspath refuses a relative include',
    config: lines('.pragma abspath:on') + auto('.include inc/x.cnf', '[ dn ]', 'CN = x'),
    files: { 'inc/x.cnf': '' },
    expect: 'refuse',
    code: 'relative-include-path',
  },
  {
    name: '.includefoo = path is an include',
    config: auto('.includefoo = inc/f.cnf'),
    files: { 'inc/f.cnf': lines('[ dn ]', 'CN = via includefoo') },
    expect: 'accept',
  },
  {
    name: 'an include inside a directory file interleaves with the directory',
    config: auto('.include d2'),
    files: {
      'd2/a.cnf': lines('[ dn ]', 'CN = a', '.include d2extra.cnf', 'O = after nested'),
      'd2/b.cnf': lines('OU = from b'),
      'd2extra.cnf': lines('L = nested'),
    },
    expect: 'accept',
  },
  {
    name: 'an error in an included file counts included lines',
    config: lines(
      '[ req ]',
      'prompt = no',
      '.include inc/bad.cnf',
      'distinguished_name = dn',
      '[ dn ]',
      'CN = x',
      'O = $undefined_here',
    ),
    files: { 'inc/bad.cnf': lines('a = 1', 'b = 2', 'c = 3') },
    expect: 'refuse',
    code: 'undefined-variable',
  },
  {
    name: 'an error inside an included file',
    config: auto('.include inc/broken.cnf', '[ dn ]', 'CN = x'),
    files: { 'inc/broken.cnf': lines('ok = 1', 'not a pair') },
    expect: 'refuse',
    code: 'missing-equal-sign',
  },
  {
    name: 'a byte order mark in an included file is an error',
    config: auto('.include inc/bom.cnf'),
    files: { 'inc/bom.cnf': '\ufeff[ dn ]\nCN = bom\n' },
    expect: 'refuse',
    code: 'missing-equal-sign',
  },

  // Sections and names.
  {
    name: 'section names with blanks inside',
    config: lines(
      '[ req ]',
      'prompt = no',
      'distinguished_name = my dn',
      '[   my dn   ] trailing text is ignored',
      'CN = x',
    ),
    expect: 'accept',
  },
  {
    name: 'inner blanks must match exactly',
    config: lines('[ req ]', 'prompt = no', 'distinguished_name = my dn', '[ my  dn ]', 'CN = x'),
    expect: 'refuse',
    code: 'distinguished-name-section-missing',
  },
  { name: 'missing ]', config: auto('[ dn', 'CN = x'), expect: 'refuse', code: 'missing-close-bracket' },
  {
    name: 'a character a section name cannot hold',
    config: auto('[ dn=x ]', 'CN = x'),
    expect: 'refuse',
    code: 'missing-close-bracket',
  },
  {
    name: 'missing equal sign',
    config: auto('[ dn ]', 'CN client.example.com'),
    expect: 'refuse',
    code: 'missing-equal-sign',
  },
  {
    name: 'a name with a non-ASCII letter',
    config: auto('[ dn ]', 'CN = x', 'Größe = 1'),
    expect: 'refuse',
    code: 'missing-equal-sign',
  },
  {
    name: 'section::name assigns into another section',
    config: auto('dn::CN = set from req', '[ dn ]', 'O = x'),
    expect: 'accept',
  },
  {
    name: 'everything in the default section, no [req] at all',
    config: lines('prompt = no', 'distinguished_name = dn', '[ dn ]', 'CN = default only'),
    expect: 'accept',
  },
  {
    name: 'a repeated name: last value wins and moves',
    config: auto('[ dn ]', 'CN = first', 'O = org', 'CN = second'),
    expect: 'accept',
  },
  {
    name: 'the empty section name [ ]',
    config: lines('[ req ]', 'prompt = no', 'distinguished_name = ', '[ ]', 'CN = empty section name'),
    expect: 'accept',
  },
  { name: 'an entry with an empty name', config: auto('= stray', '[ dn ]', 'CN = x'), expect: 'accept' },

  // openssl req: the subject.
  {
    name: 'prompted defaults with -batch',
    config: prompted(
      'C = Country',
      'C_default = GB',
      'O = Org',
      'O_default = Example',
      'CN = Name',
      'CN_default = client.example.com',
    ),
    expect: 'accept',
  },
  {
    name: 'N. prefixes repeat a field (prompt = no)',
    config: auto('[ dn ]', '0.OU = first unit', '1.OU = second unit', 'a,O = comma prefix', 'CN = x'),
    expect: 'accept',
  },
  {
    name: 'N. prefixes with prompted defaults',
    config: prompted(
      '0.DC = first',
      '0.DC_default = example',
      '1.DC = second',
      '1.DC_default = com',
      'CN = n',
      'CN_default = x',
    ),
    expect: 'accept',
  },
  {
    name: '_default = . is taken literally with -batch',
    config: prompted('OU = unit', 'OU_default = .', 'CN = n', 'CN_default = x'),
    expect: 'accept',
  },
  {
    name: '_value answers the prompt; _value = . skips',
    config: prompted(
      'CN = n',
      'CN_default = fromdefault',
      'CN_value = fromvalue',
      'O = o',
      'O_default = kept?',
      'O_value = .',
    ),
    expect: 'accept',
  },
  {
    name: 'a field without a default is left out',
    config: prompted('C = Country', 'O = Org', 'O_default = Example', 'CN = Name'),
    expect: 'accept',
  },
  {
    name: '_max exceeded',
    config: prompted('CN = n', 'CN_default = toolong', 'CN_max = 3'),
    expect: 'refuse',
    code: 'dn-length-limit',
  },
  {
    name: '_min not reached',
    config: prompted('CN = n', 'CN_default = ab', 'CN_min = 5'),
    expect: 'refuse',
    code: 'dn-length-limit',
  },
  {
    name: '_max that is not a number reads as 0',
    config: prompted('CN = n', 'CN_default = x', 'CN_max = many'),
    expect: 'refuse',
    code: 'dn-length-limit',
  },
  {
    name: 'no default anywhere: no subject',
    config: prompted('CN = n', 'O = o'),
    expect: 'refuse',
    code: 'empty-distinguished-name',
  },
  {
    name: 'an empty distinguished_name section',
    config: prompted(),
    expect: 'refuse',
    code: 'empty-distinguished-name',
  },
  {
    name: 'prompt = no and an empty section',
    config: auto('[ dn ]'),
    expect: 'refuse',
    code: 'empty-distinguished-name',
  },
  {
    name: 'prompt = No is not no',
    config: lines(
      '[ req ]',
      'prompt = No',
      'distinguished_name = dn',
      '[ dn ]',
      'CN = prompt text',
      'CN_default = from default',
    ),
    expect: 'accept',
  },
  {
    name: 'with prompt = no a _default line is a field',
    config: auto('[ dn ]', 'CN = x', 'CN_default = y'),
    expect: 'refuse',
    code: 'unknown-dn-field',
  },
  {
    name: 'unknown field name with prompt = no',
    config: auto('[ dn ]', 'commonname = x'),
    expect: 'refuse',
    code: 'unknown-dn-field',
  },
  {
    name: 'unknown field name is dropped when prompting',
    config: prompted('CN = n', 'CN_default = x', 'organisationName = o', 'organisationName_default = dropped'),
    expect: 'accept',
  },
  {
    name: 'long names, numeric OIDs behind a prefix, any known object',
    config: auto(
      '[ dn ]',
      'commonName = long name',
      '0.2.5.4.10 = numeric O',
      '0.1.2.3.4 = unknown oid',
      'x.1.2..5 = empty arc',
      'rsaEncryption = odd but accepted',
    ),
    expect: 'accept',
  },
  {
    name: 'a bare dotted OID loses its first arc',
    config: auto('[ dn ]', '2.5.4.3 = x'),
    expect: 'refuse',
    code: 'unknown-dn-field',
  },
  { name: 'empty CN with prompt = no', config: auto('[ dn ]', 'O = x', 'CN ='), expect: 'refuse', code: 'empty-cn' },
  {
    name: 'empty values that have no minimum',
    config: auto('[ dn ]', 'CN = x', 'title =', 'street ='),
    expect: 'accept',
  },
  {
    name: 'C longer than two',
    config: auto('[ dn ]', 'C = GBR', 'CN = x'),
    expect: 'refuse',
    code: 'dn-value-too-long',
  },
  {
    name: 'C with a character PrintableString lacks',
    config: auto('[ dn ]', 'C = D!', 'CN = x'),
    expect: 'refuse',
    code: 'dn-illegal-characters',
  },
  {
    name: 'CN of 65 characters',
    config: auto('[ dn ]', `CN = ${'c'.repeat(65)}`),
    expect: 'refuse',
    code: 'dn-value-too-long',
  },
  { name: 'CN of 64 characters', config: auto('[ dn ]', `CN = ${'c'.repeat(64)}`), expect: 'accept' },
  {
    name: 'non-ASCII without utf8 = yes is double-encoded',
    config: auto('[ dn ]', 'CN = Müller', 'O = ÄÖÜ GmbH'),
    expect: 'accept',
  },
  {
    name: 'non-ASCII with utf8 = yes',
    config: auto('utf8 = yes', '[ dn ]', 'CN = Müller', 'O = 日本', 'OU = 😀'),
    expect: 'accept',
  },
  { name: 'utf8 = true is not yes', config: auto('utf8 = true', '[ dn ]', 'CN = Müller'), expect: 'accept' },
  {
    name: 'string_mask default picks Printable, T61 and BMP',
    config: auto('utf8 = yes', 'string_mask = default', '[ dn ]', 'CN = plain', 'O = Müller', 'OU = 日本', 'L = a_b'),
    expect: 'accept',
  },
  {
    name: 'string_mask nombstr cannot hold CJK',
    config: auto('utf8 = yes', 'string_mask = nombstr', '[ dn ]', 'CN = 日本'),
    expect: 'refuse',
    code: 'dn-illegal-characters',
  },
  {
    name: 'string_mask pkix and MASK:0x2002',
    config: auto('utf8 = yes', 'string_mask = MASK:0x2002', '[ dn ]', 'CN = plain', 'O = Müller'),
    expect: 'accept',
  },
  {
    name: 'an unknown string_mask',
    config: auto('string_mask = utf8', '[ dn ]', 'CN = x'),
    expect: 'refuse',
    code: 'string-mask-invalid',
  },
  {
    name: 'emailAddress must be ASCII',
    config: auto('utf8 = yes', '[ dn ]', 'CN = x', 'emailAddress = mü@example.com'),
    expect: 'refuse',
    code: 'dn-illegal-characters',
  },
  {
    name: 'table-limited fields: serialNumber, DC, dnQualifier, jurisdictionC',
    config: auto(
      '[ dn ]',
      'CN = x',
      'serialNumber = AB-12 34',
      'DC = example',
      'dnQualifier = q',
      'jurisdictionC = DE',
      'INN = 123456789012',
    ),
    expect: 'accept',
  },
  {
    name: 'multi-valued RDN with +, sorted as DER sorts a SET',
    config: auto('[ dn ]', 'O = org', 'UID = zz', '+CN = aa', '+DC = dc'),
    expect: 'accept',
  },
  {
    name: 'a + on the first field starts the first RDN',
    config: auto('[ dn ]', '+CN = first', 'O = second'),
    expect: 'accept',
  },
  {
    name: 'oid_section defines a new field name',
    config:
      lines('oid_section = my_oids', '[ my_oids ]', 'programId = 1.3.6.1.4.1.55555.1') +
      auto('[ dn ]', 'CN = x', 'programId = A-17'),
    expect: 'accept',
  },
  {
    name: 'oid_section cannot redefine a name',
    config: lines('oid_section = my_oids', '[ my_oids ]', 'CN = 1.3.6.1.4.1.55555.2') + auto('[ dn ]', 'CN = x'),
    expect: 'refuse',
    code: 'invalid-oid',
  },
  {
    name: 'oid_section that does not exist',
    config: lines('oid_section = none_here') + auto('[ dn ]', 'CN = x'),
    expect: 'refuse',
    code: 'oid-section-missing',
  },
  {
    name: 'no distinguished_name',
    config: lines('[ req ]', 'prompt = no', '[ dn ]', 'CN = x'),
    expect: 'refuse',
    code: 'missing-distinguished-name',
  },
  {
    name: 'distinguished_name names a missing section',
    config: lines('[ req ]', 'prompt = no', 'distinguished_name = req_dn', '[ dn ]', 'CN = x'),
    expect: 'refuse',
    code: 'distinguished-name-section-missing',
  },
  {
    name: 'attributes: challengePassword and unstructuredName',
    config: auto(
      'attributes = attrs',
      '[ dn ]',
      'CN = x',
      '[ attrs ]',
      'challengePassword = secret',
      'unstructuredName = Example',
    ),
    expect: 'accept',
  },
  {
    name: 'attributes section that does not exist',
    config: auto('attributes = nope', '[ dn ]', 'CN = x'),
    expect: 'refuse',
    code: 'attributes-section-missing',
  },
  {
    name: 'default_md sha512 and SHA3-256',
    config: auto('default_md = SHA3-256', '[ dn ]', 'CN = x'),
    expect: 'accept',
  },
  {
    name: 'default_md unknown',
    config: auto('default_md = sha265', '[ dn ]', 'CN = x'),
    expect: 'refuse',
    code: 'default-md-unknown',
  },
  {
    name: 'settings only used when openssl makes the key',
    config: auto('default_bits = 1024', 'default_keyfile = k.pem', 'encrypt_key = no', '[ dn ]', 'CN = x'),
    expect: 'accept',
  },
  {
    name: 'openssl_conf naming a missing section',
    config: lines('openssl_conf = nope') + auto('[ dn ]', 'CN = x'),
    expect: 'refuse',
    code: 'openssl-conf-section-missing',
  },

  {
    name: 'prompted attributes take their _default',
    config: lines(
      '[ req ]',
      'distinguished_name = dn',
      'attributes = attrs',
      '[ dn ]',
      'CN = n',
      'CN_default = x',
      '[ attrs ]',
      'challengePassword = A challenge password',
      'challengePassword_default = s3cret',
      'challengePassword_min = 4',
      'unstructuredName = An optional company name',
    ),
    expect: 'accept',
  },
  {
    name: 'a prompted attribute shorter than its _min',
    config: lines(
      '[ req ]',
      'distinguished_name = dn',
      'attributes = attrs',
      '[ dn ]',
      'CN = n',
      'CN_default = x',
      '[ attrs ]',
      'challengePassword = p',
      'challengePassword_default = abc',
      'challengePassword_min = 4',
    ),
    expect: 'refuse',
    code: 'dn-length-limit',
  },
  {
    name: 'a prompted attribute default of . is taken literally',
    config: lines(
      '[ req ]',
      'distinguished_name = dn',
      'attributes = attrs',
      '[ dn ]',
      'CN = n',
      'CN_default = x',
      '[ attrs ]',
      'unstructuredName = u',
      'unstructuredName_default = .',
    ),
    expect: 'accept',
  },
  {
    name: 'an empty _value falls back to the default',
    config: prompted('CN = n', 'CN_default = fallback', 'CN_value ='),
    expect: 'accept',
  },
  {
    name: 'a prompted field with a dotted OID behind a prefix',
    config: prompted(
      '0.2.5.4.3 = Name',
      '0.2.5.4.3_default = by oid',
      '0.1.2.3.4 = unknown oid',
      '0.1.2.3.4_default = dropped',
    ),
    expect: 'accept',
  },
  {
    name: "a prompted field name too long for openssl's buffer",
    config: prompted(`${'9'.repeat(89)}.CN = n`, `${'9'.repeat(89)}.CN_default = x`),
    expect: 'refuse',
    code: 'dn-field-name-too-long',
  },
  {
    name: 'a prompted default longer than 1022 bytes',
    config: prompted('description = d', `description_default = ${'d'.repeat(1023)}`, 'CN = n', 'CN_default = x'),
    expect: 'refuse',
    code: 'dn-value-too-long',
  },
  {
    name: 'a prompted field name of 91 bytes still fits',
    config: prompted(`${'9'.repeat(88)}.CN = n`, `${'9'.repeat(88)}.CN_default = x`),
    expect: 'accept',
  },
  {
    name: 'a default of 1022 bytes still fits',
    config: prompted('description = d', `description_default = ${'d'.repeat(1022)}`, 'CN = n', 'CN_default = x'),
    expect: 'accept',
  },
  { name: 'a config that includes itself', config: auto('[ dn ]', 'CN = x', '.include request.cnf'), expect: 'accept' },
  {
    name: 'an include of a directory with nothing to read',
    config: auto('.include emptydir', '[ dn ]', 'CN = x'),
    files: { 'emptydir/readme.txt': 'nothing\n' },
    expect: 'accept',
  },
  // openssl req: extensions and SANs.
  {
    name: 'inline SANs of every common type',
    config: withExt(
      'subjectAltName = DNS:a.example.com, IP:192.0.2.1, IP:2001:db8::1, email:a@example.com, URI:https://example.com/x',
    ),
    expect: 'accept',
  },
  {
    name: 'SANs from @section with DNS.1 ... and critical',
    config: withExt(
      'subjectAltName = critical,@alt',
      '[ alt ]',
      'DNS.1 = one.example.com',
      'DNS.2 = two.example.com',
      'IP.1 = 10.0.0.1',
      'DNS = bare',
      'IP.office = 0:0:0:0:0:0:0:1',
    ),
    expect: 'accept',
  },
  {
    name: 'critical, followed by blanks',
    config: withExt('subjectAltName = critical,   DNS:a.example.com'),
    expect: 'accept',
  },
  {
    name: '"critical ," is not critical',
    config: withExt('subjectAltName = critical ,DNS:a.example.com'),
    expect: 'refuse',
    code: 'san-missing-value',
  },
  {
    name: 'inline names mixed with @section',
    config: withExt('subjectAltName = DNS:a.example.com, @alt', '[ alt ]', 'DNS.1 = b.example.com'),
    expect: 'refuse',
    code: 'san-mixed-inline-and-section',
  },
  {
    name: 'email:copy and email:move',
    config: lines(
      '[ req ]',
      'prompt = no',
      'distinguished_name = dn',
      'req_extensions = ext',
      '[ dn ]',
      'CN = x',
      'emailAddress = moved@example.com',
      '[ ext ]',
      'subjectAltName = DNS:x.example.com, email:move',
    ),
    expect: 'accept',
  },
  {
    name: 'email:copy in a SAN section',
    config: lines(
      '[ req ]',
      'prompt = no',
      'distinguished_name = dn',
      'req_extensions = ext',
      '[ dn ]',
      'CN = x',
      'emailAddress = copied@example.com',
      '[ ext ]',
      'subjectAltName = @alt',
      '[ alt ]',
      'email.1 = copy',
      'email.2 = other@example.com',
    ),
    expect: 'accept',
  },
  {
    name: 'IPv6 forms',
    config: withExt(
      'subjectAltName = IP:::, IP:1::, IP:::1, IP:::ffff:1.2.3.4, IP:1:2:3:4:5:6:1.2.3.4, IP:ABCD:ef01::, IP:1:2:3:4:5:6:7::',
    ),
    expect: 'accept',
  },
  {
    name: 'IPv4 the lenient 3.0 way',
    config: withExt(
      'subjectAltName = @alt',
      '[ alt ]',
      'IP.1 = 010.001.1.1',
      'IP.2 = " 1.2.3.4"',
      'IP.3 = +1.2.3.4',
      'IP.4 = 1.2.3.4 trailing',
      'IP.5 = 4294967297.1.1.1',
    ),
    expect: 'accept',
  },
  {
    name: 'IPv4 octet over 255',
    config: withExt('subjectAltName = IP:1.2.3.256'),
    expect: 'refuse',
    code: 'san-bad-ip',
  },
  {
    name: 'IPv4 with three parts',
    config: withExt('subjectAltName = IP:10.0.1'),
    expect: 'refuse',
    code: 'san-bad-ip',
  },
  {
    name: 'IPv6 with a zone id',
    config: withExt('subjectAltName = IP:fe80::1%eth0'),
    expect: 'refuse',
    code: 'san-bad-ip',
  },
  { name: 'IPv6 with two ::', config: withExt('subjectAltName = IP:1::2::3'), expect: 'refuse', code: 'san-bad-ip' },
  {
    name: 'IPv6 with a blank',
    config: withExt('subjectAltName = @alt', '[ alt ]', 'IP.1 = " ::1"'),
    expect: 'refuse',
    code: 'san-bad-ip',
  },
  {
    name: 'lowercase dns is no type',
    config: withExt('subjectAltName = dns:a.example.com'),
    expect: 'refuse',
    code: 'san-unknown-type',
  },
  {
    name: 'DNS1 is no type (DNS.1 is)',
    config: withExt('subjectAltName = @alt', '[ alt ]', 'DNS1 = a.example.com'),
    expect: 'refuse',
    code: 'san-unknown-type',
  },
  {
    name: 'a trailing comma',
    config: withExt('subjectAltName = DNS:a.example.com,'),
    expect: 'refuse',
    code: 'extension-value-invalid',
  },
  {
    name: 'a type with no value inline',
    config: withExt('subjectAltName = DNS:'),
    expect: 'refuse',
    code: 'extension-value-invalid',
  },
  {
    name: 'an empty DNS name in a section is accepted',
    config: withExt('subjectAltName = @alt', '[ alt ]', 'DNS.1 ='),
    expect: 'accept',
  },
  {
    name: 'a one-letter name keeps its trailing blank',
    config: withExt('subjectAltName = DNS:a , DNS:bb , URI:  x  '),
    expect: 'accept',
  },
  {
    name: 'DNS names OpenSSL does not check',
    config: withExt('subjectAltName = DNS:not valid!!, DNS:*.wild.example.com, DNS:ünï.example'),
    expect: 'accept',
  },
  {
    name: 'SAN section that does not exist',
    config: withExt('subjectAltName = @nope'),
    expect: 'refuse',
    code: 'san-section-missing',
  },
  {
    name: 'SAN section that is empty',
    config: withExt('subjectAltName = @alt', '[ alt ]'),
    expect: 'refuse',
    code: 'san-section-empty',
  },
  {
    name: 'dirName, RID and otherName SANs',
    config: withExt(
      'subjectAltName = dirName:dir_sect, RID:1.2.3.4, otherName:1.3.6.1.4.1.311.20.2.3;UTF8:user@example.com',
      '[ dir_sect ]',
      'C = GB',
      'O = Dir Org',
      'CN = dir name',
    ),
    expect: 'accept',
  },
  {
    name: 'keyUsage, extendedKeyUsage, basicConstraints (short and long names)',
    config: withExt(
      'keyUsage = critical, Digital Signature, keyEncipherment',
      'extendedKeyUsage = clientAuth, TLS Web Server Authentication, 1.2.3.4',
      'basicConstraints = critical,CA:false,pathlen:0',
      'subjectKeyIdentifier = hash',
      'nsComment = "hi, there"',
    ),
    expect: 'accept',
  },
  {
    name: 'keyUsage with an unknown bit',
    config: withExt('keyUsage = digitalSignature, clientAuth'),
    expect: 'refuse',
    code: 'extension-value-invalid',
  },
  {
    name: 'extendedKeyUsage is case-sensitive',
    config: withExt('extendedKeyUsage = clientauth'),
    expect: 'refuse',
    code: 'extension-value-invalid',
  },
  {
    name: 'basicConstraints CA:True',
    config: withExt('basicConstraints = CA:True'),
    expect: 'refuse',
    code: 'extension-value-invalid',
  },
  {
    name: 'authorityKeyIdentifier in a request',
    config: withExt('authorityKeyIdentifier = keyid:always'),
    expect: 'refuse',
    code: 'authority-key-identifier-in-request',
  },
  {
    name: 'an unknown extension name',
    config: withExt('subjectAltNames = DNS:a.example.com'),
    expect: 'refuse',
    code: 'unknown-extension',
  },
  {
    name: 'an extension OpenSSL cannot set',
    config: withExt('crlNumber = 1'),
    expect: 'refuse',
    code: 'extension-not-supported',
  },
  {
    name: 'DER: and ASN1: extensions by OID',
    config: withExt('1.2.3.4.5 = DER:01:02:ff', '1.2.3.4.6 = critical,ASN1:UTF8String:hello'),
    expect: 'accept',
  },
  {
    name: 'dirName naming a missing section',
    config: withExt('subjectAltName = dirName:nowhere'),
    expect: 'refuse',
    code: 'san-section-missing',
  },
  {
    name: 'RID that is no object',
    config: withExt('subjectAltName = RID:notAnObject'),
    expect: 'refuse',
    code: 'san-bad-other',
  },
  {
    name: 'otherName without its ;TYPE:value',
    config: withExt('subjectAltName = otherName:1.2.3.4'),
    expect: 'refuse',
    code: 'san-bad-other',
  },
  {
    name: 'issuerAltName issuer:copy in a request',
    config: withExt('issuerAltName = issuer:copy'),
    expect: 'refuse',
    code: 'extension-value-invalid',
  },
  {
    name: 'issuerAltName email:copy is a literal name there',
    config: withExt('issuerAltName = email:copy, DNS:ca.example.com'),
    expect: 'accept',
  },
  {
    name: 'basicConstraints pathlen that is no number',
    config: withExt('basicConstraints = CA:true, pathlen:two'),
    expect: 'refuse',
    code: 'extension-value-invalid',
  },
  {
    name: 'subjectKeyIdentifier that is no hex',
    config: withExt('subjectKeyIdentifier = xyz'),
    expect: 'refuse',
    code: 'extension-value-invalid',
  },
  { name: 'subjectKeyIdentifier as hex bytes', config: withExt('subjectKeyIdentifier = 01:02:AB'), expect: 'accept' },
  {
    name: 'DER: with an odd number of digits',
    config: withExt('1.2.3.4.5 = DER:0102f'),
    expect: 'refuse',
    code: 'extension-value-invalid',
  },
  {
    name: 'the same section as x509_extensions and req_extensions',
    config: lines(
      '[ req ]',
      'prompt = no',
      'distinguished_name = dn',
      'req_extensions = ext',
      'x509_extensions = ext',
      '[ dn ]',
      'CN = x',
      '[ ext ]',
      'keyUsage = digitalSignature',
      'subjectAltName = email:copy',
    ),
    expect: 'accept',
  },
  {
    name: 'req_extensions naming a missing section',
    config: lines('[ req ]', 'prompt = no', 'distinguished_name = dn', 'req_extensions = v3_req', '[ dn ]', 'CN = x'),
    expect: 'refuse',
    code: 'extension-section-missing',
  },
  {
    name: 'x509_extensions is checked even for a CSR',
    config: auto('x509_extensions = v3_ca', '[ dn ]', 'CN = x', '[ v3_ca ]', 'basicConstraints = CA:maybe'),
    expect: 'refuse',
    code: 'extension-value-invalid',
  },
  {
    name: 'x509_extensions may use authorityKeyIdentifier',
    config: auto(
      'x509_extensions = v3_ca',
      '[ dn ]',
      'CN = x',
      '[ v3_ca ]',
      'authorityKeyIdentifier = keyid:always',
      'basicConstraints = CA:true',
    ),
    expect: 'accept',
  },
  {
    name: 'an empty req_extensions section adds nothing',
    config: auto('req_extensions = ext', '[ dn ]', 'CN = x', '[ ext ]'),
    expect: 'accept',
  },
];
