/**
 * The city's working-day calendar (工作日历) for other modules: due times and elapsed working time on
 * the same calendar casework's deadlines use (weekdays, minus public holidays, plus adjusted working
 * weekend days, inside the working periods), so a holiday set once on casework's calendar page counts for
 * every clock in the city. Published as a named interface; the calendar's data stays casework's.
 */
@org.springframework.modulith.NamedInterface("calendar")
package org.wenming.casework.calendar;
