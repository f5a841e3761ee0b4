/**
 * The CN of a subject as the record keeps it (`O = Axys, OU = Payments, CN = program-a`, the way
 * `openssl x509 -subject` prints it, with or without spaces around `=`), else the last attribute's value.
 * The full subject is too long for a tree label: VS Code truncates it before the part that tells rotations apart.
 */
export function rotationLabel(subject: string): string {
  // Commas inside a value are escaped (`\,`), so only unescaped ones separate attributes.
  const attributes = subject
    .split(/(?<!\\),/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0
        ? { type: '', value: part }
        : {
            type: part.slice(0, eq).trim(),
            value: part
              .slice(eq + 1)
              .trim()
              .replace(/\\,/g, ','),
          };
    });
  const cn = attributes.filter((a) => a.type.toUpperCase() === 'CN').at(-1) ?? attributes.at(-1);
  return cn?.value || subject;
}
