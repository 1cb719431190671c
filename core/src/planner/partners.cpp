// SPDX-License-Identifier: GPL-3.0-or-later
// Partner proposals from sector and indicator rules; capacity and availability checks.
#include "riskmap/core/planner/partners.hpp"

#include <algorithm>
#include <cctype>

namespace riskmap::core::planner {

bool Partner::availableOn(const Date& date) const
{
    if (availability.empty()) return true;
    return std::any_of(availability.begin(), availability.end(),
                       [&](const DateRange& r) { return r.contains(date); });
}

std::vector<PartnerRule> defaultPartnerRules()
{
    return {
        {"Belastingdienst", {"45"}, {}, "autohandel en -reparatie"},
        {"RDW", {"45"}, {}, "autohandel en -reparatie"},
        {"Veiligheidsregio", {"49", "50", "51", "52"}, {}, "transport en opslag"},
        {"Omgevingsdienst", {"01"}, {"vab"}, "agrarisch bedrijf of vrijkomend agrarisch gebouw"},
        {"Omgevingsdienst", {"38", "4677"}, {}, "afval en schroot"},
        {"NVWA", {"56"}, {}, "horeca"},
        {"Nederlandse Arbeidsinspectie", {"9602", "9604"}, {}, "kappers, nagel- en zonnestudio's"},
        {"Belastingdienst", {"68", "642"}, {}, "vastgoed en holdings"},
        {"Netbeheerder", {}, {"stroom"}, "afwijkend stroomverbruik"},
    };
}

std::string normaliseSbi(const std::string& code)
{
    std::string out;
    for (char c : code) {
        if (std::isdigit(static_cast<unsigned char>(c))) out.push_back(c);
    }
    return out;
}

namespace {

bool ruleMatches(const PartnerRule& rule, const AddressProfile& address)
{
    for (const std::string& raw : address.sbiCodes) {
        const std::string code = normaliseSbi(raw);
        for (const std::string& prefix : rule.sbiPrefixes) {
            const std::string p = normaliseSbi(prefix);
            if (!p.empty() && code.compare(0, p.size(), p) == 0) return true;
        }
    }
    for (const std::string& flag : address.flags) {
        if (std::find(rule.flags.begin(), rule.flags.end(), flag) != rule.flags.end()) return true;
    }
    return false;
}

}  // namespace

std::vector<PartnerProposal> proposePartners(const std::vector<AddressProfile>& addresses,
                                             const std::vector<PartnerRule>& rules)
{
    std::vector<PartnerProposal> out;
    for (const PartnerRule& rule : rules) {
        std::vector<std::size_t> matched;
        for (std::size_t i = 0; i < addresses.size(); ++i) {
            if (ruleMatches(rule, addresses[i])) matched.push_back(i);
        }
        if (matched.empty()) continue;
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const PartnerProposal& p) { return p.partner == rule.partner; });
        if (it == out.end()) {
            out.push_back({rule.partner, {}, {}});
            it = out.end() - 1;
        }
        std::vector<std::size_t> merged;
        std::set_union(it->addresses.begin(), it->addresses.end(), matched.begin(), matched.end(),
                       std::back_inserter(merged));
        it->addresses = std::move(merged);
        if (std::find(it->reasons.begin(), it->reasons.end(), rule.reason) == it->reasons.end()) {
            it->reasons.push_back(rule.reason);
        }
    }
    return out;
}

std::vector<PartnerNeed> partnerNeeds(const std::vector<PartnerProposal>& proposals)
{
    std::vector<PartnerNeed> out;
    for (const PartnerProposal& p : proposals) out.push_back({p.partner, static_cast<int>(p.addresses.size())});
    return out;
}

const Partner* findPartner(const std::vector<Partner>& partners, const std::string& name)
{
    for (const Partner& p : partners) {
        if (p.name == name) return &p;
    }
    return nullptr;
}

std::vector<std::string> capacityProblems(const std::vector<PartnerProposal>& proposals,
                                          const std::vector<Partner>& partners)
{
    std::vector<std::string> out;
    for (const PartnerProposal& proposal : proposals) {
        const Partner* partner = findPartner(partners, proposal.partner);
        if (!partner) {
            out.push_back("partner '" + proposal.partner + "' is voorgesteld maar niet bekend (geen capaciteit opgegeven)");
            continue;
        }
        const auto load = static_cast<int>(proposal.addresses.size());
        if (load > partner->capacityPerDay) {
            out.push_back("partner '" + proposal.partner + "' heeft " + std::to_string(load) +
                          " adressen nodig maar kan er " + std::to_string(partner->capacityPerDay) +
                          " per dag aan");
        }
    }
    return out;
}

}  // namespace riskmap::core::planner
