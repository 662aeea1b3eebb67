import { EigenvalueDecomposition, Matrix } from "ml-matrix";

/** Nodes t_j and weights of a rule for ∫ φ(t)·g(t) dt ≈ Σ_j weight_j·g(t_j), φ the standard normal density. */
export interface NormalQuadratureRule {
  readonly nodes: readonly number[];
  readonly weights: readonly number[];
}

/**
 * Gauss–Hermite rule for the standard normal, by Golub–Welsch: the nodes are the eigenvalues of
 * the symmetric tridiagonal Jacobi matrix of the probabilists' Hermite polynomials (off-diagonal
 * √k), and each weight is the squared first component of its unit eigenvector. Exact for
 * polynomials up to degree 2·order − 1; deterministic, unlike Monte Carlo.
 */
export function normalQuadratureRule(order: number): NormalQuadratureRule {
  const jacobi = Matrix.zeros(order, order);
  for (let k = 1; k < order; k++) {
    jacobi.set(k - 1, k, Math.sqrt(k));
    jacobi.set(k, k - 1, Math.sqrt(k));
  }
  const decomposition = new EigenvalueDecomposition(jacobi, { assumeSymmetric: true });
  const vectors = decomposition.eigenvectorMatrix;
  const nodes = decomposition.realEigenvalues;
  const raw = nodes.map((_, j) => vectors.get(0, j) ** 2);
  const total = raw.reduce((sum, weight) => sum + weight, 0);
  return { nodes, weights: raw.map((weight) => weight / total) };
}

const cache = new Map<number, NormalQuadratureRule>();

/** The rule of a given order, computed once per process. */
export function cachedNormalQuadratureRule(order: number): NormalQuadratureRule {
  let rule = cache.get(order);
  if (!rule) {
    rule = normalQuadratureRule(order);
    cache.set(order, rule);
  }
  return rule;
}
