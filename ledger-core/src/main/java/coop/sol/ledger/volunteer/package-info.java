/**
 * Volunteering (SOL Engagement). Coordinators grant an association an allowance of SOL Engagement
 * (VOLUNTEER_ALLOWANCE, Engagement issuance → the association's account); the association certifies
 * the hours a member volunteered and credits them at its rate (VOLUNTEER_CREDIT, association →
 * member), never beyond what its allowance has left. SOL Engagement never convert to euros (the
 * reconversion package refuses them).
 */
package coop.sol.ledger.volunteer;
