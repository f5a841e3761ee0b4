/** "1 warning", "2 warnings", "3 infos": a count with its noun, the one place the product pluralises. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
