/**
 * Adversarial search: one {@link dev.intriguing.adversarial.Attack} contract (a criterion, targeted or untargeted;
 * optional budgets; a final entry point that verifies every example), the {@link dev.intriguing.adversarial.Attacks}
 * index by name, the batched box-constrained L-BFGS, and the {@link dev.intriguing.adversarial.AttackResult} every
 * attack returns with its tables and CSV, whose images ({@link dev.intriguing.adversarial.PerturbedSet}, also
 * amplified) other models can be fed. {@link dev.intriguing.adversarial.AdversarialPool} is adversarial training
 * (paper section 4.2) on top of any of these attacks. How a result looks (HTML, the Figure-5 grid) lives in
 * {@code render}.
 */
package dev.intriguing.adversarial;
