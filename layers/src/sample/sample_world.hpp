// SPDX-License-Identifier: GPL-3.0-or-later
// The generated world of one tile, shared by the generation steps (private to the sample module).
#pragma once

#include "rng.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/geos_ops.hpp"
#include "riskmap/gis/wkb.hpp"

#include <memory>
#include <string>
#include <vector>

namespace riskmap::layers::sample {

using gis::Envelope;
using gis::Wkb;
using gis::XY;

/// The last day of the data: incidents and registrations end here.
inline constexpr int kLastYear = 2025;

enum class LandUse { Agrarisch, Bos, Natuur, Wonen, Bedrijf, Recreatie, Water, Overig };
std::string landUseName(LandUse use);

enum class BuildingKind { House, RowHouse, Apartment, Shop, Shed, Farmhouse, Barn, Hall, Chalet };

/// Where one tile sits: its offset from the real Heuvelrug and its id prefix.
struct Tile {
    int index = 0;
    double dx = 0.0;
    double dy = 0.0;
    Envelope window;    ///< the study window in this tile's coordinates
};

struct Municipality {
    std::string code;      ///< CBS statcode, e.g. GM0345
    std::string name;
    std::string kadaster;  ///< kadastrale gemeente prefix, e.g. VND
    Wkb geometry;          ///< clipped to the tile window
    std::unique_ptr<gis::PreparedArea> area;
};

struct Village {
    std::string name;
    std::string gemeente;
    XY centre;
    double radius = 0.0;
    int postcode4 = 0;
};

/// A business park or holiday park: a disc at layout time, the union of its parcels later.
struct Site {
    std::string id;
    std::string name;
    std::string gemeente;
    XY centre;
    double radius = 0.0;
    Wkb geometry;
};

struct Parcel {
    std::string id;
    int municipality = 0;
    Wkb geometry;  ///< MultiPolygon
    Envelope envelope;
    double area = 0.0;
    LandUse use = LandUse::Agrarisch;
    XY inside;     ///< a point inside
    int village = -1;
    int businessPark = -1;
    int holidayPark = -1;
    bool built = false;
};

struct Building {
    std::string pandId;
    Wkb geometry;
    XY centre;
    std::vector<XY> footprint;  ///< the outer ring (for distances to the building, as the engine measures them)
    double area = 0.0;
    int bouwjaar = 2000;
    std::string status = "Pand in gebruik";
    std::string gebruiksdoel;
    int parcel = -1;
    BuildingKind kind = BuildingKind::House;
    int farm = -1;
    bool vacantFarmBuilding = false;
};

struct Address {
    std::string vboId;
    int building = -1;
    std::string postcode;
    int huisnummer = 0;
    std::string huisletter;
    std::string toevoeging;
    std::string straat;
    std::string woonplaats;
    std::string gebruiksdoel;
    XY point;
};

struct Farm {
    int parcel = -1;
    int address = -1;
    bool stopped = false;
    int stopDay = 0;  ///< days since 1970 when the SBI 01 registration ended
    std::vector<int> buildings;
};

struct Company {
    std::string vestigingsnummer;
    std::string kvkNummer;
    std::string handelsnaam;
    std::string sbi;
    int startDay = 0;
    int endDay = 0;  ///< 0 while active
    int address = -1;
    bool risky = false;
};

struct Road {
    std::string id;
    std::string type;
    std::string name;
    std::vector<XY> points;
};

struct Exit {
    std::string id;
    std::string name;
    XY point;
};

struct Incident {
    std::string id;
    std::string soort;
    int day = 0;
    std::string bron;
    std::string rubricering;
    bool opgevolgd = true;
    int keepUntilDay = 0;
    XY point;
};

struct Hotspot {
    XY centre;
    double sigma = 300.0;
    double amplitude = 4.0;
};

/// The true incident model of one tile (recorded in incident_model.json).
struct IncidentTruth {
    double intercept = 0.0;
    double expectedTotal = 0.0;
    std::vector<Hotspot> hotspots;
    int cells = 0;
};

struct Control {
    std::string id;
    int day = 0;
    std::string gemeente;
    std::string naam;
    Wkb area;
};

struct ControlAddress {
    std::string controlId;
    int address = -1;
    std::string reden;
};

struct Finding {
    std::string controlId;
    int address = -1;
    bool bezocht = true;
    std::string categorie;
    std::string toelichting;
    std::string vervolg;
};

/// A barn with paved yard that appears in the 2025 photo but not in BAG.
struct NewBarn {
    std::string id;
    std::string perceelId;
    std::string gemeente;
    Wkb barn;
    Wkb yard;
    XY centre;
};

struct TileWorld {
    Tile tile;
    Envelope extent;  ///< bounding box of the municipalities (clipped)
    std::vector<Municipality> municipalities;
    std::vector<Village> villages;
    std::vector<Site> businessParks;
    std::vector<Site> holidayParks;
    std::vector<XY> ridge;  ///< the wooded Heuvelrug ridge line
    std::vector<Parcel> parcels;
    std::vector<Road> roads;
    std::vector<Exit> exits;
    std::vector<Building> buildings;
    std::vector<Address> addresses;
    std::vector<Farm> farms;
    std::vector<Company> companies;
    std::vector<Incident> incidents;
    IncidentTruth truth;
    std::vector<Control> controls;
    std::vector<ControlAddress> controlAddresses;
    std::vector<Finding> findings;
    std::vector<NewBarn> newBarns;
};

/// The real boundaries, read once.
struct Boundary {
    std::string code;
    std::string name;
    Wkb geometry;
};

// The steps, in order. Each fills part of the world from the parts before it.
void layoutTile(TileWorld& world, const std::vector<Boundary>& boundaries, Rng rng);
void generateParcels(TileWorld& world, Rng rng, core::Feedback& feedback);
void generateRoads(TileWorld& world, Rng rng);
void generateBuildings(TileWorld& world, Rng rng, core::Feedback& feedback);
void connectFarmRoads(TileWorld& world);
void generateCompanies(TileWorld& world, Rng rng);
/// Draws the incidents; without `hotspots` the rate is the log-linear model alone (tests of the RTM).
void generateIncidents(TileWorld& world, Rng rng, bool hotspots = true);
void generateHistory(TileWorld& world, Rng rng);
void plantNewBarns(TileWorld& world, Rng rng);

// Small shared helpers.
double distance(const XY& a, const XY& b);
/// A rectangle centred on c, w × h metres, rotated by angle (radians), as a closed ring.
std::vector<XY> rectangleRing(const XY& c, double w, double h, double angle);
/// Days since 1970-01-01 for a calendar date, and back to ISO text.
int dayNumber(int year, int month, int day);
std::string isoDate(int dayNumber);
/// Distance from p to the polyline.
double distanceToPolyline(const XY& p, const std::vector<XY>& line);
/// The nearest point on segment ab to p.
XY nearestOnSegment(const XY& p, const XY& a, const XY& b);
/// 4-digit BAG municipality code from a CBS statcode (GM0345 → 0345).
std::string bagGemeentecode(const std::string& statcode);

/// The risky SBI prefixes the generator plants (10–15 % of vestigingen).
const std::vector<std::string>& riskySbiCodes();

}  // namespace riskmap::layers::sample
