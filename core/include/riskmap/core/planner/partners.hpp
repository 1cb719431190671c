// SPDX-License-Identifier: GPL-3.0-or-later
// Which partners join a control: rules on SBI prefixes and indicator flags, availability, capacity.
#pragma once

#include "riskmap/core/planner/calendar.hpp"

#include <string>
#include <vector>

namespace riskmap::core::planner {

/// A rule "addresses with these sectors or flags need this partner".
struct PartnerRule {
    std::string partner;                   ///< e.g. "Belastingdienst"
    std::vector<std::string> sbiPrefixes;  ///< SBI code prefixes, dots ignored ("45", "52.1")
    std::vector<std::string> flags;        ///< indicator flags, exact match ("vab", "woning")
    std::string reason;                    ///< Dutch, shown in the plan ("autohandel")
};

/// A partner organisation: how many addresses it can handle on one day and when it can come.
struct Partner {
    std::string name;
    int capacityPerDay = 0;               ///< addresses per control day
    std::vector<DateRange> availability;  ///< empty: available every day

    /// True when the partner can come on `date`.
    bool availableOn(const Date& date) const;
};

/// What the partner rules look at for one address.
struct AddressProfile {
    std::vector<std::string> sbiCodes;
    std::vector<std::string> flags;
};

/// A partner proposed for a control, with the addresses that need it.
struct PartnerProposal {
    std::string partner;
    std::vector<std::size_t> addresses;  ///< indexes into the profiles given
    std::vector<std::string> reasons;    ///< distinct rule reasons that matched, in rule order
};

/// How many addresses of a target need one partner.
struct PartnerNeed {
    std::string partner;
    int addresses = 0;
};

/// The needs of a target from its proposals (one per partner).
std::vector<PartnerNeed> partnerNeeds(const std::vector<PartnerProposal>& proposals);

/// The default rules: car trade and repair (SBI 45) → Belastingdienst and RDW; transport
/// and storage (49–52) → Veiligheidsregio; farms (01) and vacant farm buildings (flag "vab")
/// → Omgevingsdienst; scrap and waste (38, 46.77) → Omgevingsdienst; horeca (56) → NVWA;
/// barbers, nail and tanning studios (96.02, 96.04) → Nederlandse Arbeidsinspectie;
/// real estate and holdings (68, 64.2) → Belastingdienst; high electricity use (flag
/// "stroom") → netbeheerder.
std::vector<PartnerRule> defaultPartnerRules();

/// Normalises an SBI code for prefix matching: digits only ("45.11" → "4511").
std::string normaliseSbi(const std::string& code);

/// Applies the rules to every address; proposals come in order of first matching rule,
/// each partner once, every address listed once per partner.
std::vector<PartnerProposal> proposePartners(const std::vector<AddressProfile>& addresses,
                                             const std::vector<PartnerRule>& rules);

/// Dutch messages for every proposal whose address count exceeds the partner's capacity per
/// day, or whose partner is unknown. Empty when all fits.
std::vector<std::string> capacityProblems(const std::vector<PartnerProposal>& proposals,
                                          const std::vector<Partner>& partners);

/// The partner named `name`, or nullptr.
const Partner* findPartner(const std::vector<Partner>& partners, const std::string& name);

}  // namespace riskmap::core::planner
