//! Share links and exports (being written).
