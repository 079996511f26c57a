/**
 * Finds cycles in skip logic: if A is shown only when B says so and B only when A says so
 * (directly or through others), neither can ever be asked. Each cycle is reported once.
 */

/** Returns each cycle as a list of names, starting and ending with the same name (a → b → a). */
export function findRelevanceCycles(dependsOn: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();

  const visit = (name: string): void => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const next of dependsOn.get(name) ?? []) {
      if (!dependsOn.has(next)) continue;
      const mark = state.get(next);
      if (mark === 'visiting') {
        const cycle = stack.slice(stack.indexOf(next));
        const id = [...cycle].sort().join('|');
        if (!seen.has(id)) {
          seen.add(id);
          cycles.push([...cycle, next]);
        }
      } else if (mark === undefined) {
        visit(next);
      }
    }
    stack.pop();
    state.set(name, 'done');
  };

  for (const name of dependsOn.keys()) if (!state.has(name)) visit(name);
  return cycles;
}
