/** The fields of an environment the picker shows. */
export interface PickableEnvironment {
  name: string;
  baseUrl: string;
  testPath: string;
}

export interface EnvironmentPick<E extends PickableEnvironment> {
  label: string;
  /** Whether a key is stored: the key itself is never read into a pick. */
  description: string;
  detail: string;
  environment: E;
}

/** The environment picker's items: the preferred one first, each saying whether an API key is stored for it. */
export function environmentPicks<E extends PickableEnvironment>(
  environments: readonly E[],
  hasKey: ReadonlySet<string>,
  preferred?: string,
): Array<EnvironmentPick<E>> {
  return environments
    .map((environment) => ({
      label: environment.name,
      description: hasKey.has(environment.name) ? 'API key stored' : 'no API key',
      detail: environment.baseUrl.replace(/\/+$/, '') + environment.testPath,
      environment,
    }))
    .sort((a, b) => Number(b.label === preferred) - Number(a.label === preferred));
}
