"""Running a review: timescales and procedures, chronology import and checks, SMART, IMR quality, independence, charts."""
